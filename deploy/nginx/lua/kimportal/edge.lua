-- Hot pages from nginx, never stale: the page cache's entries, read from
-- Redis without a Python process.
--
-- Django's page cache (pagecache/middleware.py) stores every anonymous
-- public page it builds as raw bytes (pagecache/entries.py): a first line
-- naming the version stamps it was built under and their values then, the
-- headers, a blank line, the body exactly as sent. Here, for a request
-- Django would answer from that cache, nginx computes the same key, fetches
-- the two stamps and the page in one MGET (atomic, one round trip), and
-- serves the page only when its first line names exactly the stamps it
-- just read, with exactly their values: the rule Django's own hit follows,
-- so the next reader after a change gets a fresh page from Django.
--
-- Everything else goes on to Gunicorn unchanged (the function returns and
-- proxy_pass runs): a miss, a stale entry, Redis down, slow (KIMPORTAL_EDGE
-- timeout) or answering oddly, any query parameter but a list's page and a
-- share's tracking ones, a path with escapes, a cookie on the district portal (signed-in
-- staff are never served from here), a method other than GET and HEAD,
-- If-Match, and anything this file does not understand. nginx is stricter
-- than Django, never looser: whatever it serves, Django would have served
-- from its own cache at that moment, byte for byte, except that it says
-- "X-Cache: edge" where Django says "hit".
--
-- A hot page costs no round trip to Redis either. The stamps read are kept
-- for a second (the lease) in shared memory (lua_shared_dict kimportal_edge),
-- under the number of the stamps' generation there; each worker keeps the
-- pages it served (parsed, until the entry's own expiry) and serves one
-- again while its stamps are the ones the lease holds. Django, after every
-- change, writes the new stamps to Redis and then tells nginx
-- (stamps_changed below, on a loopback listener): a new generation starts,
-- no lease of the old one is read again, and the next request reads Redis.
-- A lease is kept under the generation read before its Redis read, so one
-- read before a change and kept after it is never used. When Django cannot
-- reach nginx, it waits out the lease before the change's answer returns
-- (pagecache/edge.py): either way, the next reader sees the change.
--
-- Configured by variables in the server block (deploy/nginx/kimportal.conf):
--   $kimportal_village          the village's slug, empty on the district portal
--   $kimportal_redis            host:port or unix:/path of the CACHE_URL's Redis
--   $kimportal_redis_db         its database number (CACHE_URL's /0)
--   $kimportal_redis_user       the user of CACHE_URL's user:password@, if any
--   $kimportal_redis_password   its password (redis://:password@...), if any
--   $kimportal_cache_key_prefix CACHE_KEY_PREFIX (empty unless set)

local ngx = ngx
local byte, sub, find, format, lower, gmatch, match = string.byte, string.sub, string.find, string.format,
    string.lower, string.gmatch, string.match
local concat, type, tonumber = table.concat, type, tonumber
local re_find = ngx.re.find
local lrucache = require("resty.lrucache")

local _M = {}

-- How long stamps read from Redis are trusted without reading them again,
-- in seconds: pagecache/edge.py's LEASE_SECONDS, which Django waits out when
-- it cannot tell nginx of a change.
_M.lease_s = 1
-- Pages each worker keeps parsed: the hot ones (a worker's share of a
-- village home is about 60 KB).
_M.pages_per_worker = 400

local leases = ngx.shared.kimportal_edge
local pages = lrucache.new(_M.pages_per_worker)

-- Redis answers in well under a millisecond on the same machine; past this
-- the page is built by Django instead (which has its own cache to try).
_M.timeout_ms = 20
-- Idle connections each nginx worker keeps to Redis, and for how long.
_M.pool_size = 32
_M.idle_ms = 30000

-- The parameters a shared link adds (pagecache/middleware.py's
-- TRACKING_PARAMETER), written out: a name matches only as it stands,
-- unescaped. Any other parameter goes to Django.
local TRACKING = { s = true, fbclid = true, gclid = true, igshid = true, mc_cid = true, mc_eid = true }
local MAX_PARAMETERS = 20

local HEX = ("%02x"):rep(20)

-- What runs on every request avoids Lua's pattern functions (string.match,
-- gmatch, and find with a pattern), which LuaJIT does not compile: plain
-- finds and ngx.re's PCRE, compiled once per worker ("jo"), instead.
local function has(subject, regex)
    local from, _, err = re_find(subject, regex, "jo")
    if err then
        error(err) -- serve()'s pcall: the request goes to Django
    end
    return from ~= nil
end

-- The query as the page's key holds it (pagecache.middleware's
-- _query_for_key): "" or "page=N" (a list's page, once, as written: no
-- escapes), share markers left out; nil for anything else, which Django
-- decides (a search's ?q= among it: its escapes are Django's to decode).
local function query_for_key(args)
    if args == nil or args == "" then
        return ""
    end
    local count, page = 0, nil
    for piece in gmatch(args, "[^&]+") do
        count = count + 1
        if count > MAX_PARAMETERS then
            return nil
        end
        local name = match(piece, "^[^=]*")
        if name == "page" then
            local value = sub(piece, 6)
            if page or not has(value, [[^[1-9][0-9]{0,3}\z]]) then
                return nil
            end
            page = value
        elseif not (TRACKING[name] or find(name, "^utm_[a-z_]+$")) then
            return nil
        end
    end
    return page and ("page=" .. page) or ""
end

local function single(headers, name)
    -- A header sent once, or nil; false when sent more than once.
    local value = headers[name]
    if type(value) == "table" then
        return false
    end
    return value
end

-- The page's key as pagecache.middleware.page_key builds it, for a request
-- whose query holds nothing the key keeps; nil when Django must decide.
local function page_key(headers)
    local uri = ngx.var.request_uri
    local query = find(uri, "?", 1, true)
    local path = query and sub(uri, 1, query - 1) or uri
    if byte(path) ~= 47 or has(path, [=[[^A-Za-z0-9\-._~/]]=]) then
        return nil -- escapes or odd bytes: Django decodes them its own way
    end
    local query = query_for_key(ngx.var.args)
    if not query then
        return nil
    end
    local save_data = single(headers, "save-data")
    if save_data == false then
        return nil
    end
    save_data = (save_data and lower(match(save_data, "^%s*(.-)%s*$")) == "on") and "on" or ""
    local encoding = headers["accept-encoding"]
    if type(encoding) == "table" then
        encoding = concat(encoding, ",") -- as Gunicorn joins them
    end
    encoding = encoding or ""
    if has(encoding, [=[[^\x20-\x7e]]=]) then
        return nil -- Django's \bgzip\b reads non-ASCII letters as word characters
    end
    -- ASCII only by now, where PCRE's \b and Python's agree.
    local gzip = has(encoding, [[\bgzip\b]]) and "gzip" or ""
    local wanted = ngx.var.scheme .. "://" .. ngx.var.host .. path .. "?" .. query .. "|" .. save_data .. "|" .. gzip
    return "kim:page:" .. format(HEX, byte(ngx.sha1_bin(wanted), 1, 20))
end

local addresses = {} -- "host:port" → {host, port}, parsed once per worker

-- One Redis command in RESP, for the ones a new connection starts with.
local function command(...)
    local parts = { "*", select("#", ...), "\r\n" }
    for i = 1, select("#", ...) do
        local arg = tostring(select(i, ...))
        parts[#parts + 1] = "$" .. #arg .. "\r\n" .. arg .. "\r\n"
    end
    return concat(parts)
end

-- What a new connection must send before MGET: AUTH (Redis with a
-- password) and SELECT (a database other than 0). Pooled connections have
-- done both already.
local function greeting(db)
    local steps = {}
    local password = ngx.var.kimportal_redis_password or ""
    if password ~= "" then
        local user = ngx.var.kimportal_redis_user or ""
        steps[#steps + 1] = user ~= "" and command("AUTH", user, password) or command("AUTH", password)
    end
    if db ~= 0 then
        steps[#steps + 1] = command("SELECT", db)
    end
    return steps
end

local function redis_mget(keys)
    local sock = ngx.socket.tcp()
    local t = _M.timeout_ms
    sock:settimeouts(t, t, t)
    local address, db = ngx.var.kimportal_redis, tonumber(ngx.var.kimportal_redis_db) or 0
    local ok, err
    local pool = address .. "/" .. db .. "/" .. (ngx.var.kimportal_redis_user or "")
    if sub(address, 1, 5) == "unix:" then
        ok, err = sock:connect(address, { pool = pool, pool_size = _M.pool_size })
    else
        local parsed = addresses[address]
        if not parsed then
            local host, port = match(address, "^(.+):(%d+)$")
            parsed = { host, tonumber(port) }
            addresses[address] = parsed
        end
        ok, err = sock:connect(parsed[1], parsed[2], { pool = pool, pool_size = _M.pool_size })
    end
    if not ok then
        return nil, err
    end
    local steps = sock:getreusedtimes() == 0 and greeting(db) or {}
    local request = { concat(steps), "*", #keys + 1, "\r\n$4\r\nMGET\r\n" }
    for _, key in ipairs(keys) do
        request[#request + 1] = "$" .. #key .. "\r\n" .. key .. "\r\n"
    end
    ok, err = sock:send(request)
    if not ok then
        sock:close()
        return nil, err
    end
    for _ = 1, #steps do
        local line = sock:receive()
        if line ~= "+OK" then
            sock:close() -- a wrong password, or no such database: Django answers
            return nil, "Redis refused the connection's setup: " .. tostring(line)
        end
    end
    local line
    line, err = sock:receive()
    if line ~= "*" .. #keys then
        sock:close()
        return nil, err or ("MGET answered " .. line)
    end
    local values = {}
    for i = 1, #keys do
        line, err = sock:receive()
        local size = line and byte(line) == 36 and tonumber(sub(line, 2)) -- "$<size>"
        if not size then
            sock:close()
            return nil, err or ("MGET answered " .. line)
        end
        if size >= 0 then
            local value, crlf
            value, err = sock:receive(size)
            crlf = value and sock:receive(2)
            if crlf ~= "\r\n" then
                sock:close()
                return nil, err or "MGET answer cut short"
            end
            values[i] = value
        else
            values[i] = false
        end
    end
    sock:setkeepalive(_M.idle_ms, _M.pool_size)
    return values
end

local function strip_weak(etag)
    return (match(etag, "^W/(.*)$") or etag)
end

-- django.utils.cache.get_conditional_response, for a page Django would
-- answer from its cache: If-None-Match first, else If-Modified-Since.
local function not_modified(headers, etag, last_modified)
    local none_match = single(headers, "if-none-match")
    if none_match then
        if match(none_match, "^%s*%*%s*$") then
            return true
        end
        etag = strip_weak(etag or "")
        local any = false
        for candidate in gmatch(none_match, "[^,]+") do
            candidate = match(candidate, "^%s*(.-)%s*$")
            if match(candidate, '^W/"[^"]*"$') or match(candidate, '^"[^"]*"$') then
                any = true
                if strip_weak(candidate) == etag then
                    return true
                end
            end
        end
        if any then
            return false
        end
        -- No tag Django can read: it goes on to If-Modified-Since.
    end
    local since = single(headers, "if-modified-since")
    if since and last_modified then
        since, last_modified = ngx.parse_http_time(since), ngx.parse_http_time(last_modified)
        return since ~= nil and last_modified ~= nil and last_modified <= since
    end
    return false
end

-- What a 304 carries, as Django's _not_modified copies them.
local KEPT_ON_304 = {
    ["cache-control"] = true, ["content-location"] = true, ["etag"] = true, ["expires"] = true,
    ["last-modified"] = true, ["vary"] = true,
}

-- The page from Redis with its stamps as they are now, parsed and kept in
-- this worker until the entry's own expiry; nil when it is missing or stale.
local function fetch(key, prefix, global_stamp, site_stamp, lease)
    local asked_at = ngx.now() -- this event loop's start: before the MGET
    local values, err = redis_mget({ prefix .. global_stamp, prefix .. site_stamp, key })
    if not values then
        ngx.log(ngx.INFO, "kimportal edge: Redis: ", err)
        return
    end
    local global_value, site_value, entry = values[1], values[2], values[3]
    if not (global_value and site_value) then
        return
    end
    local current = global_stamp .. "=" .. global_value .. " " .. site_stamp .. "=" .. site_value
    if lease then
        -- The lease runs from the moment Redis was asked, not from now: a
        -- worker stalled while the answer waited cannot stretch it past
        -- the wait Django allows for it (pagecache/edge.py).
        ngx.update_time()
        local left = _M.lease_s - (ngx.now() - asked_at)
        if left > 0.001 then
            leases:set(lease, current, left)
        end
    end
    if not entry then
        return
    end
    local eol = find(entry, "\n", 1, true)
    if not eol then
        return
    end
    local expected = "KIM2 200 " .. current .. " until="
    if sub(entry, 1, #expected) ~= expected then
        return -- built under other stamps: stale, or another format
    end
    local expires = tonumber(sub(entry, #expected + 1, eol - 1))
    local ttl = expires and expires - ngx.now()
    if not ttl or ttl <= 0 then
        return
    end
    local head_end = find(entry, "\n\n", eol, true)
    if not head_end then
        return
    end
    local page = { stamps = current, stored = {}, body = sub(entry, head_end + 2) }
    local start = eol + 1
    while start <= head_end do
        local stop = find(entry, "\n", start, true)
        local line = sub(entry, start, stop - 1)
        start = stop + 1
        local colon = find(line, ": ", 1, true)
        if not colon then
            return
        end
        local name, value = sub(line, 1, colon - 1), sub(line, colon + 2)
        local lowered = lower(name)
        if lowered == "etag" then
            page.etag = value
        elseif lowered == "last-modified" then
            page.last_modified = value
        end
        page.stored[#page.stored + 1] = { name, lowered, value }
    end
    pages:set(key, page, ttl)
    return page
end

-- The answer for this request from Redis: (304 or 200, headers as
-- {name, lowered name, value}, body), or nil to pass it to Django.
local function lookup()
    local headers = ngx.req.get_headers()
    if headers["if-match"] or headers["if-unmodified-since"] or type(headers["if-none-match"]) == "table"
        or type(headers["if-modified-since"]) == "table" then
        return
    end
    local village = ngx.var.kimportal_village or ""
    if village == "" and headers["cookie"] then
        -- The district portal has sessions: whoever sends a cookie may be
        -- signed in, and Django decides (its cache skips session holders).
        return
    end
    local key = page_key(headers)
    if not key then
        return
    end
    local prefix = (ngx.var.kimportal_cache_key_prefix or "") .. ":1:"
    local global_stamp = "kim:stamp:global"
    local site_stamp = village ~= "" and ("kim:stamp:village:" .. village) or "kim:stamp:district"
    key = prefix .. key
    local lease = leases and (prefix .. site_stamp .. " " .. (leases:get("generation") or 0))
    local current = lease and leases:get(lease)
    local page = current and pages:get(key)
    if not (page and page.stamps == current) then
        page = fetch(key, prefix, global_stamp, site_stamp, lease)
        if not page then
            return
        end
    end
    if not_modified(headers, page.etag, page.last_modified) then
        return 304, page.stored
    end
    return 200, page.stored, page.body
end

function _M.serve()
    local method = ngx.req.get_method()
    if method ~= "GET" and method ~= "HEAD" then
        return
    end
    -- A mistake here must cost a page built by Django, never a 500.
    local ok, status, stored, body = pcall(lookup)
    if not ok then
        ngx.log(ngx.ERR, "kimportal edge: ", status)
        return
    end
    if not status then
        return
    end
    ngx.status = status
    for _, header in ipairs(stored) do
        if status == 200 and header[2] ~= "content-length" or KEPT_ON_304[header[2]] then
            ngx.header[header[1]] = header[3]
        end
    end
    ngx.header["X-Cache"] = "edge"
    if status == 200 then
        ngx.header["Content-Length"] = #body
        if method == "GET" then
            ngx.print(body)
            return ngx.exit(ngx.HTTP_OK)
        end
    end
    ngx.send_headers()
    return ngx.exit(ngx.HTTP_OK)
end

-- Django's word that stamps changed (POST, from the loopback listener in
-- deploy/nginx/kimportal.conf): a new generation, so every lease read from
-- now on is read from Redis afresh. It carries nothing else, so whoever
-- reaches the listener can at most make nginx read Redis more often.
function _M.stamps_changed()
    if ngx.req.get_method() ~= "POST" then
        return ngx.exit(405)
    end
    local generation, err = leases:incr("generation", 1, 0)
    if not generation then
        ngx.log(ngx.ERR, "kimportal edge: ", err)
        return ngx.exit(500)
    end
    return ngx.exit(204)
end

return _M
