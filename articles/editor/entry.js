// KIM Portal's CKEditor 5: the plugins village news needs and nothing else,
// Indonesian built in. Sets window.KimEditor = {create(element, config), defaults}.
// Rebuild with `npm ci && npm run build` (see README.md); the page-specific
// parts (toolbar, image uploads) are in ../static/articles/editor/rich-text.js.
//
// Deliberately absent: General HTML Support, HTML embed, source editing,
// Markdown, Style (the known CKEditor 5 XSS advisories need one of them; the
// server sanitises every body anyway, articles/html.py); the simple and
// CKFinder upload adapters (rich-text.js brings its own); PasteFromOffice
// and inline images (weight for what phones do not do: README.md has the
// sizes). Table stays: articles/html.py keeps tables, and an editor without
// the plugin would flatten one the next time its article is saved.
import {
  ClassicEditor,
  Essentials, Paragraph, Heading, Bold, Italic, Link, List, BlockQuote, Autoformat,
  ImageBlock, ImageCaption, ImageTextAlternative, ImageUpload, ImageToolbar,
  MediaEmbed, Table, TableToolbar, IconBulletedList,
} from 'ckeditor5';
import indonesian from 'ckeditor5/translations/id.js';

const plugins = [
  Essentials, Paragraph, Heading, Bold, Italic, Link, List, BlockQuote, Autoformat,
  ImageBlock, ImageCaption, ImageTextAlternative, ImageUpload, ImageToolbar,
  MediaEmbed, Table, TableToolbar,
];

// YouTube only, previewed in the editor from youtube-nocookie.com (the one
// host the Content-Security-Policy frames), stored as <oembed url>.
const youtube = {
  name: 'youtube',
  url: [
    /^(?:m\.)?youtube\.com\/watch\?v=([\w-]+)(?:&t=(\d+))?/,
    /^(?:m\.)?youtube\.com\/(?:shorts|live|v)\/([\w-]+)(?:\?t=(\d+))?/,
    /^(?:youtube|youtube-nocookie)\.com\/embed\/([\w-]+)(?:\?start=(\d+))?/,
    /^youtu\.be\/([\w-]+)(?:\?t=(\d+))?/,
  ],
  html: ([, id, start]) =>
    '<div><iframe src="https://www.youtube-nocookie.com/embed/' + id + (start ? '?start=' + start : '') + '" ' +
    'style="width: 100%; height: auto; aspect-ratio: 16 / 9; border: 0; display: block;" ' +
    'allow="encrypted-media" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe></div>',
};

const defaults = {
  licenseKey: 'GPL',
  plugins,
  language: 'id',
  translations: [indonesian],
  // Fits a 360 px phone: what is used most first, as buttons (a photo,
  // bold, italic, a link, the lists), the rest in menus; what does not fit
  // the width goes under "⋮" by itself (on a phone: headings, YouTube and
  // tables, undo).
  toolbar: {
    items: [
      'uploadImage', 'bold', 'italic', 'link',
      { label: 'Daftar dan kutipan', icon: IconBulletedList, items: ['bulletedList', 'numberedList', 'blockQuote'] },
      'heading',
      { label: 'Sisipkan', icon: 'plus', items: ['mediaEmbed', 'insertTable'] },
      'undo', 'redo',
    ],
    shouldNotGroupWhenFull: false,
  },
  heading: {
    options: [
      { model: 'paragraph', title: 'Paragraf', class: 'ck-heading_paragraph' },
      { model: 'heading2', view: 'h2', title: 'Judul bagian', class: 'ck-heading_heading2' },
      { model: 'heading3', view: 'h3', title: 'Subjudul', class: 'ck-heading_heading3' },
    ],
  },
  image: {
    toolbar: ['toggleImageCaption', 'imageTextAlternative'],
    upload: { types: ['jpeg', 'png', 'webp', 'heic', 'heif', 'gif'] },
  },
  table: { contentToolbar: ['tableColumn', 'tableRow', 'mergeTableCells'] },
  mediaEmbed: { previewsInData: false, providers: [youtube] },
  link: { defaultProtocol: 'https://' },
};

function create(element, config = {}) {
  return ClassicEditor.create(element, { ...defaults, ...config });
}

window.KimEditor = { create, defaults };
