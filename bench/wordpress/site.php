<?php
/*
 * WordPress's own PHP, from the command line, for bench/wordpress/setup.sh
 * (which sets KIM_WP_DIR and WORDPRESS_CONFIG for Debian's wp-config.php):
 *
 *   php site.php install        wp_install() of a new site (Asia/Makassar, /%year%/%monthnum%/%postname%/)
 *   php site.php fixture        a small village site: every status, categories, tags,
 *                               featured and body images, Indonesian text, emoji
 *   php site.php bench          WP_BENCH_CATEGORIES x WP_BENCH_POSTS published posts,
 *                               each with its own featured image (WP_BENCH_IMAGE)
 *   php site.php export         export_wp() of all content (Tools -> Export) to stdout
 *   php site.php count          how many posts are published
 *   php site.php single-post    the path of one published post, for benchmarks
 *
 * Images are drawn with GD and go in through media_handle_sideload(), as an
 * upload does: WordPress files them under uploads/YYYY/MM of their post and
 * makes its resized copies.
 */

if (PHP_SAPI !== 'cli') {
    exit(1);
}
$command = $argv[1] ?? '';
if ($command === 'install') {
    define('WP_INSTALLING', true);
}
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/media.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/post.php';
require_once ABSPATH . 'wp-admin/includes/export.php';

function kim_install() {
    add_filter('pre_wp_mail', '__return_true'); // no "your new site" mail
    wp_install('Desa Contoh Sejahtera', 'admin', 'admin@desacontoh.example', true, '', wp_generate_password(24), '');
    update_option('blogdescription', 'Kabar dari KIM desa kami');
    update_option('timezone_string', 'Asia/Makassar');
    update_option('date_format', 'j F Y');
    update_option('permalink_structure', '/%year%/%monthnum%/%postname%/');
    update_option('uploads_use_yearmonth_folders', 1);
    flush_rewrite_rules(false);
    // What wp_install() writes as examples ("Hello world!", "Sample Page", the privacy page draft).
    foreach (get_posts(array('post_type' => 'any', 'post_status' => 'any', 'numberposts' => -1)) as $post) {
        wp_delete_post($post->ID, true);
    }
    wp_update_user(array('ID' => 1, 'display_name' => 'Pak Kades', 'first_name' => 'Kepala', 'last_name' => 'Desa'));
}

/* A drawn "photo": sky, sun, hills and a label; $noise small shapes for detail. */
function kim_draw($path, $png, $width, $height, $seed, $label, $noise = 0) {
    mt_srand($seed);
    $image = imagecreatetruecolor($width, $height);
    $sky = array(mt_rand(90, 160), mt_rand(150, 210), mt_rand(200, 255));
    for ($y = 0; $y < $height * 0.6; $y += 4) {
        $shade = (int) (40 * $y / $height);
        imagefilledrectangle($image, 0, $y, $width, $y + 3, imagecolorallocate($image, max(0, $sky[0] - $shade), max(0, $sky[1] - $shade), $sky[2]));
    }
    imagefilledellipse($image, (int) ($width * mt_rand(15, 85) / 100), (int) ($height * 0.2), (int) ($height / 5), (int) ($height / 5), imagecolorallocate($image, 255, 220, 90));
    for ($hill = 0; $hill < 3; $hill++) {
        $green = imagecolorallocate($image, mt_rand(30, 90), mt_rand(110, 170) - 20 * $hill, mt_rand(30, 70));
        $top = (int) ($height * (0.45 + 0.12 * $hill));
        $points = array(0, $height, 0, $top + mt_rand(0, 40));
        for ($x = 1; $x <= 6; $x++) {
            array_push($points, (int) ($width * $x / 6), $top + mt_rand(-40, 40));
        }
        array_push($points, $width, $height);
        imagefilledpolygon($image, $points, $green);
    }
    for ($i = 0; $i < $noise; $i++) {
        $size = mt_rand(2, 14);
        imagefilledellipse($image, mt_rand(0, $width), mt_rand((int) ($height * 0.4), $height), $size, $size,
            imagecolorallocate($image, mt_rand(0, 255), mt_rand(60, 200), mt_rand(0, 120)));
    }
    imagefilledrectangle($image, 0, $height - 28, $width, $height, imagecolorallocatealpha($image, 0, 0, 0, 60));
    imagestring($image, 5, 10, $height - 22, $label, imagecolorallocate($image, 255, 255, 255));
    if ($png) {
        imagetruecolortopalette($image, false, 32);
        imagepng($image, $path, 9);
    } else {
        imagejpeg($image, $path, $noise ? 82 : 60);
    }
    imagedestroy($image);
}

/* An image uploaded to a post as the media library does; its attachment id. */
function kim_upload($post_id, $name, $width, $height, $seed, $alt, $caption = '', $noise = 0) {
    $file = wp_tempnam($name);
    kim_draw($file, substr($name, -4) === '.png', $width, $height, $seed, $alt, $noise);
    $id = media_handle_sideload(array('name' => $name, 'tmp_name' => $file), $post_id, null, array('post_excerpt' => $caption));
    if (is_wp_error($id)) {
        fwrite(STDERR, $id->get_error_message() . "\n");
        exit(1);
    }
    update_post_meta($id, '_wp_attachment_image_alt', $alt);
    return $id;
}

function kim_post($fields, $categories = array(), $tags = array()) {
    $fields += array('post_type' => 'post', 'post_author' => 1);
    $fields['post_category'] = array_map(function ($name) { return kim_category($name); }, $categories);
    $fields['tags_input'] = $tags;
    $id = wp_insert_post(wp_slash($fields), true);
    if (is_wp_error($id)) {
        fwrite(STDERR, $id->get_error_message() . "\n");
        exit(1);
    }
    return $id;
}

function kim_category($name, $slug = '') {
    $found = get_term_by('name', $name, 'category');
    if ($found) {
        return (int) $found->term_id;
    }
    $made = wp_insert_term($name, 'category', $slug ? array('slug' => $slug) : array());
    return (int) $made['term_id'];
}

function kim_set_body($post_id, $body) {
    wp_update_post(wp_slash(array('ID' => $post_id, 'post_content' => $body)));
}

function kim_fixture() {
    $sari = wp_insert_user(array(
        'user_login' => 'sari', 'user_pass' => wp_generate_password(24), 'user_email' => 'sari@desacontoh.example',
        'display_name' => 'Sari Wulandari', 'first_name' => 'Sari', 'last_name' => 'Wulandari', 'role' => 'author',
    ));
    kim_category('Pertanian', 'pertanian');
    kim_category('Kesehatan', 'kesehatan');
    kim_category('Pemerintahan Desa', 'pemerintahan-desa');
    kim_category('Seni & Budaya', 'seni-budaya');

    // 1. Published, classic editor (no <p>), a captioned medium-size image linked
    //    to the full one, a full-size PNG, an excerpt, two categories' worth of terms.
    $panen = kim_post(array(
        'post_title' => 'Panen raya kakao – hasil naik dua kali lipat 🍫',
        'post_name' => 'panen-raya-kakao',
        'post_status' => 'publish',
        'post_date' => '2024-05-15 10:00:00',
        'post_excerpt' => 'Hasil panen kakao tahun ini naik dua kali lipat berkat pupuk organik.',
        'post_content' => 'Draf',
    ), array('Pertanian'), array('kakao', 'gotong royong'));
    $kakao = kim_upload($panen, 'panen-kakao.jpg', 480, 320, 11, 'Warga memanen kakao', 'Panen kakao di kebun Pak Rahman');
    $gotong = kim_upload($panen, 'gotong-royong.png', 320, 240, 12, 'Kelompok tani membersihkan saluran');
    set_post_thumbnail($panen, $kakao);
    $medium = wp_get_attachment_image_src($kakao, 'medium');
    $full = wp_get_attachment_url($kakao);
    $png = wp_get_attachment_url($gotong);
    kim_set_body($panen, "Warga Desa Contoh memanen kakao bersama-sama pada hari Sabtu pagi.\nHasilnya naik dua kali lipat dibanding tahun lalu.\n\n"
        . "[caption id=\"attachment_$kakao\" align=\"aligncenter\" width=\"{$medium[1]}\"]<a href=\"$full\"><img class=\"size-medium wp-image-$kakao\" src=\"{$medium[0]}\" alt=\"Warga memanen kakao\" width=\"{$medium[1]}\" height=\"{$medium[2]}\" /></a> Panen kakao di kebun Pak Rahman[/caption]\n\n"
        . "Kelompok tani juga bergotong royong membersihkan saluran irigasi 💪\n\n"
        . "<img class=\"alignnone size-full wp-image-$gotong\" src=\"$png\" alt=\"Kelompok tani membersihkan saluran\" width=\"320\" height=\"240\" />\n\n"
        . "Terima kasih kepada penyuluh pertanian yang mendampingi warga.");

    // 2. Published, block editor, an emoji in the title (WordPress percent-encodes
    //    it into the slug), an image block, no excerpt, written by Sari.
    $festival = kim_post(array(
        'post_title' => 'Festival budaya 🎉 meriah di lapangan desa',
        'post_status' => 'publish',
        'post_date' => '2024-08-17 16:30:00',
        'post_author' => $sari,
        'post_content' => 'Draf',
    ), array('Seni & Budaya'), array('17 Agustus', 'festival'));
    $tari = kim_upload($festival, 'tari-pattudu.jpg', 480, 320, 21, 'Penari pattudu di panggung', 'Tari pattudu membuka festival');
    $penonton = kim_upload($festival, 'penonton.jpg', 400, 300, 22, 'Penonton memadati lapangan');
    set_post_thumbnail($festival, $tari);
    $penonton_url = wp_get_attachment_image_src($penonton, 'full');
    kim_set_body($festival, "<!-- wp:paragraph -->\n<p>Ratusan warga memadati lapangan desa untuk menyaksikan festival budaya dalam rangka HUT RI ke-79. 🇮🇩</p>\n<!-- /wp:paragraph -->\n\n"
        . "<!-- wp:heading -->\n<h2>Lomba dan pentas seni</h2>\n<!-- /wp:heading -->\n\n"
        . "<!-- wp:paragraph -->\n<p>Anak-anak mengikuti lomba makan kerupuk dan balap karung, sementara ibu-ibu PKK menampilkan <strong>tari pattudu</strong>.</p>\n<!-- /wp:paragraph -->\n\n"
        . "<!-- wp:image {\"id\":$penonton,\"sizeSlug\":\"full\",\"linkDestination\":\"none\"} -->\n<figure class=\"wp-block-image size-full\"><img src=\"{$penonton_url[0]}\" alt=\"Penonton memadati lapangan\" class=\"wp-image-$penonton\"/><figcaption class=\"wp-element-caption\">Penonton dari tiga dusun</figcaption></figure>\n<!-- /wp:image -->\n\n"
        . "<!-- wp:paragraph -->\n<p>Terima kasih semuanya 🙏 Sampai jumpa tahun depan!</p>\n<!-- /wp:paragraph -->");

    // 3. Published, classic editor with a list, a Facebook embed script (an admin
    //    may paste one), typographic quotes in the title, featured image only.
    $kerja = kim_post(array(
        'post_title' => 'Kerja bakti “Jumat Bersih” di Dusun II',
        'post_name' => 'kerja-bakti-jumat-bersih',
        'post_status' => 'publish',
        'post_date' => '2023-11-03 07:15:00',
        'post_excerpt' => '',
        'post_content' => "Setiap Jumat pagi warga Dusun II membersihkan selokan dan jalan desa.\n\n"
            . "Yang dikerjakan pekan ini:\n<ul>\n<li>membersihkan selokan</li>\n<li>memangkas rumput di pinggir jalan</li>\n<li>mengecat pagar balai desa</li>\n</ul>\n\n"
            . "<div id=\"fb-root\"></div><script async defer src=\"https://connect.facebook.net/id_ID/sdk.js\"></script>\n\n"
            . "<strong>Ayo ikut!</strong> Kerja bakti berikutnya dimulai pukul 07.00 WITA.",
    ), array('Pemerintahan Desa'), array('gotong royong'));
    set_post_thumbnail($kerja, kim_upload($kerja, 'kerja-bakti.jpg', 480, 320, 31, 'Warga membersihkan selokan'));

    // 4. Scheduled, with a YouTube embed block.
    kim_post(array(
        'post_title' => 'Jadwal posyandu bulan Juni',
        'post_status' => 'future',
        'post_date' => '2030-06-03 08:00:00',
        'post_excerpt' => 'Posyandu balita dan lansia dibuka di balai desa.',
        'post_content' => "<!-- wp:paragraph -->\n<p>Posyandu balita dan lansia dibuka Senin, 3 Juni, pukul 08.00 WITA di balai desa.</p>\n<!-- /wp:paragraph -->\n\n"
            . "<!-- wp:embed {\"url\":\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\",\"type\":\"video\",\"providerNameSlug\":\"youtube\",\"responsive\":true} -->\n"
            . "<figure class=\"wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube\"><div class=\"wp-block-embed__wrapper\">\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n</div></figure>\n<!-- /wp:embed -->",
    ), array('Kesehatan'), array('posyandu'));

    // 5.-7. A draft (Sari's), a post waiting for review with an image, a private post.
    kim_post(array(
        'post_title' => 'Rencana musyawarah desa',
        'post_status' => 'draft',
        'post_author' => $sari,
        'post_content' => 'Musyawarah desa membahas RKP Desa tahun depan. Semua ketua RT diundang.',
    ), array('Pemerintahan Desa'));
    $jalan = kim_post(array(
        'post_title' => 'Usulan jalan tani ke kebun',
        'post_status' => 'pending',
        'post_author' => $sari,
        'post_content' => 'Draf',
    ));
    $jalan_image = kim_upload($jalan, 'jalan-tani.jpg', 480, 320, 51, 'Jalan tani yang rusak');
    kim_set_body($jalan, "Petani mengusulkan jalan tani sepanjang 800 meter.\n\n<img class=\"alignnone size-medium wp-image-$jalan_image\" src=\""
        . wp_get_attachment_image_src($jalan_image, 'medium')[0] . "\" alt=\"Jalan tani yang rusak\" width=\"300\" height=\"200\" />");
    kim_post(array(
        'post_title' => 'Catatan rapat perangkat',
        'post_status' => 'private',
        'post_content' => 'Catatan internal: anggaran ATK triwulan III.',
    ), array('Pemerintahan Desa'));

    // Not posts, or not to be moved: a page with an image, a post in the trash.
    $page = kim_post(array(
        'post_type' => 'page',
        'post_title' => 'Profil Desa',
        'post_status' => 'publish',
        'post_content' => 'Desa Contoh berada di Kecamatan Simboro, Kabupaten Mamuju.',
    ));
    set_post_thumbnail($page, kim_upload($page, 'kantor-desa.jpg', 480, 320, 71, 'Kantor desa'));
    $trash = kim_post(array(
        'post_title' => 'Pengumuman lama yang dihapus',
        'post_status' => 'publish',
        'post_date' => '2022-01-10 09:00:00',
        'post_content' => 'Sudah tidak berlaku.',
    ));
    wp_trash_post($trash);
}

function kim_bench() {
    $categories = (int) (getenv('WP_BENCH_CATEGORIES') ?: 20);
    $per = (int) (getenv('WP_BENCH_POSTS') ?: 100);
    $size = getenv('WP_BENCH_IMAGE') ?: '1200x800';
    $villages = array('Taan', 'Bela', 'Botteng', 'Pati\'di', 'Tadui', 'Rangas', 'Karema', 'Binanga', 'Kasiwa', 'Salletto',
        'Bambu', 'Kopeang', 'Belang-Belang', 'Tampa Padang', 'Sinyonyoi', 'Dungkait', 'Keang', 'Kalukku', 'Pokkang', 'Beru-Beru');
    $paragraphs = array(
        'Warga %s bergotong royong memperbaiki jalan tani yang rusak setelah hujan deras pekan lalu.',
        'Kepala desa mengajak seluruh warga hadir dalam musyawarah perencanaan pembangunan di balai desa.',
        'Posyandu balita dan lansia kembali dibuka setiap Senin pagi; kader kesehatan mencatat berat badan dan tekanan darah.',
        'Kelompok tani kakao menerima bantuan bibit unggul dari dinas pertanian kabupaten.',
        'Ibu-ibu PKK melatih warga mengolah hasil kebun menjadi keripik pisang dan dodol nangka.',
        'Pemuda karang taruna membersihkan pantai dan menanam bakau di pesisir desa.',
        'Dana desa tahun ini dipakai untuk sumur bor, lampu jalan tenaga surya, dan perbaikan saluran irigasi.',
        'Sekolah dasar di dusun sebelah menerima buku bacaan baru dari perpustakaan keliling.',
    );
    wp_defer_term_counting(true);
    wp_suspend_cache_invalidation(true);
    $started = microtime(true);
    for ($c = 0; $c < $categories; $c++) {
        $village = $villages[$c % count($villages)] . ($c >= count($villages) ? ' ' . ($c + 1) : '');
        kim_category('Desa ' . $village, sanitize_title($village));
        for ($p = 0; $p < $per; $p++) {
            $n = $c * $per + $p;
            $body = array();
            for ($k = 0; $k < 5 + $n % 4; $k++) {
                $body[] = '<p>' . sprintf($paragraphs[($n + $k) % count($paragraphs)], "Desa $village") . '</p>';
            }
            $id = kim_post(array(
                'post_title' => sprintf('Kabar Desa %s nomor %d: %s', $village, $p + 1, array('gotong royong', 'posyandu', 'panen kakao', 'musyawarah', 'dana desa')[$n % 5]),
                'post_status' => 'publish',
                'post_date' => gmdate('Y-m-d H:i:s', strtotime('2024-01-01 08:00:00') + $n * 12 * 3600 + $c * 600),
                'post_content' => implode("\n\n", $body),
            ), array('Desa ' . $village), array(array('gotong royong', 'posyandu', 'kakao', 'musyawarah', 'dana desa')[$n % 5]));
            if ($size !== 'none') {
                list($w, $h) = array_map('intval', explode('x', $size));
                set_post_thumbnail($id, kim_upload($id, sprintf('kabar-%04d.jpg', $n + 1), $w, $h, 1000 + $n, "Kabar Desa $village", '', 400));
            }
            if ($n % 100 === 99) {
                fwrite(STDERR, sprintf("wordpress: %d posts, %.0f s\n", $n + 1, microtime(true) - $started));
            }
        }
    }
    wp_suspend_cache_invalidation(false);
    wp_defer_term_counting(false);
}

if ($command !== 'install') {
    wp_set_current_user(1); // an administrator writes (unfiltered_html: what an admin pastes stays)
}
switch ($command) {
    case 'install':
        kim_install();
        break;
    case 'fixture':
        kim_fixture();
        break;
    case 'bench':
        kim_bench();
        break;
    case 'export':
        ob_start();
        export_wp(array('content' => 'all'));
        echo ob_get_clean();
        break;
    case 'count':
        echo wp_count_posts()->publish;
        break;
    case 'single-post':
        $posts = get_posts(array('numberposts' => 1, 'offset' => 1000, 'orderby' => 'ID', 'order' => 'ASC'));
        $posts = $posts ?: get_posts(array('numberposts' => 1));
        echo wp_make_link_relative(get_permalink($posts[0]));
        break;
    default:
        fwrite(STDERR, "site.php install|fixture|bench|export|count|single-post\n");
        exit(2);
}
