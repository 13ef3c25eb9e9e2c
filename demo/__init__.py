"""The demo portal: Kabupaten Mamuju's villages with their news, written by
`manage.py seed_demo` (demo/seeding.py) from the words in demo/stories.py and
the pictures of demo/drawing.py. An app without models, for its command."""
