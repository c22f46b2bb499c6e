import type { PackageManifest } from './manifest';

/** The languages of the host's pages: Indonesian first. */
export type PageLanguage = 'id' | 'en';

const STRINGS = {
  id: {
    listTitle: 'Pemutar Paket SCORM',
    listIntro: 'Pilih paket untuk diputar dengan scorm-again sebagai LMS. Isikan NIP peserta agar hasilnya tercatat atas namanya.',
    nip: 'NIP peserta (18 digit)',
    name: 'Nama peserta (opsional)',
    packages: 'Paket',
    title: 'Judul',
    version: 'Versi SCORM',
    launch: 'Putar',
    launchLabel: (title: string) => `Putar ${title}`,
    noPackages: 'Belum ada paket. Unggah paket SCORM (.zip) ke LRS terlebih dahulu.',
    switchLanguage: 'English',
    back: 'Kembali ke daftar paket',
    badNip: 'NIP harus terdiri atas 18 digit angka. Kembali ke daftar paket dan isikan NIP yang benar.',
    unknownPackage: 'Paket tidak ditemukan. Kembali ke daftar paket dan pilih paket yang ada.',
    unknownLearner:
      'NIP ini tidak terdaftar di LRS yang menerima hasil paket ini. Minta admin kepegawaian mendaftarkannya, atau periksa kembali NIP Anda.',
  },
  en: {
    listTitle: 'SCORM Package Player',
    listIntro: "Pick a package to play with scorm-again as the LMS. Enter the learner's NIP so the result is recorded for them.",
    nip: 'Learner NIP (18 digits)',
    name: 'Learner name (optional)',
    packages: 'Packages',
    title: 'Title',
    version: 'SCORM version',
    launch: 'Play',
    launchLabel: (title: string) => `Play ${title}`,
    noPackages: 'No packages yet. Upload a SCORM package (.zip) to the LRS first.',
    switchLanguage: 'Bahasa Indonesia',
    back: 'Back to the package list',
    badNip: 'The NIP must be 18 digits. Go back to the package list and enter a correct NIP.',
    unknownPackage: 'No such package. Go back to the package list and pick one that exists.',
    unknownLearner:
      "This NIP is not in the registry of the LRS this package reports to. Ask the HR administrator to register it, or check the NIP.",
  },
} as const;

/** Text for an HTML body or attribute value. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function page(lang: PageLanguage, title: string, base: string, head: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<base href="${escapeHtml(base)}/">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; color: #1f2933; }
  main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
  table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
  th, td { text-align: left; padding: 0.5rem; border-bottom: 1px solid #d9e2ec; }
  label { display: block; margin-top: 0.75rem; font-weight: 600; }
  input { font: inherit; padding: 0.4rem; width: 18rem; max-width: 100%; }
  button { font: inherit; padding: 0.35rem 1rem; cursor: pointer; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  :focus-visible { outline: 3px solid #2680c2; outline-offset: 2px; }
</style>
${head}
</head>
<body>${body}</body>
</html>`;
}

export interface ListedPackage {
  name: string;
  manifest: PackageManifest;
}

/** `GET /`: the packages, one NIP field, a play button per package. */
export function packageListPage(base: string, lang: PageLanguage, packages: ListedPackage[]): string {
  const t = STRINGS[lang];
  const other: PageLanguage = lang === 'id' ? 'en' : 'id';
  const rows = packages
    .map(
      ({ name, manifest }) => `<tr>
  <td>${escapeHtml(manifest.title)}</td>
  <td><code>${escapeHtml(name)}</code></td>
  <td>${manifest.version}</td>
  <td><button type="submit" formaction="play/${encodeURIComponent(name)}" aria-label="${escapeHtml(t.launchLabel(manifest.title))}">${t.launch}</button></td>
</tr>`,
    )
    .join('\n');
  const table = packages.length
    ? `<table>
<caption class="visually-hidden">${t.packages}</caption>
<thead><tr><th scope="col">${t.title}</th><th scope="col">${t.packages}</th><th scope="col">${t.version}</th><th scope="col"><span class="visually-hidden">${t.launch}</span></th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
    : `<p role="status">${t.noPackages}</p>`;
  return page(
    lang,
    t.listTitle,
    base,
    '',
    `<main>
<p><a href="./?lang=${other}" lang="${other}">${t.switchLanguage}</a></p>
<h1>${t.listTitle}</h1>
<p>${t.listIntro}</p>
<form method="get">
  <input type="hidden" name="lang" value="${lang}">
  <label for="learner">${t.nip}</label>
  <input id="learner" name="learner" required inputmode="numeric" pattern="[0-9]{18}" autocomplete="off">
  <label for="name">${t.name}</label>
  <input id="name" name="name" autocomplete="name">
  ${table}
</form>
</main>`,
  );
}

export interface PlayPageInput {
  name: string;
  manifest: PackageManifest;
  learnerId: string;
  learnerName: string;
  /** Where the page sends its runtime data, with its launch token; absent: the package reports nowhere. */
  reporting?: { url: string; token: string };
}

/** `GET /play/:pkg`: scorm-again, the host bundle and `<smart-host-player>`. */
export function playPage(base: string, lang: PageLanguage, input: PlayPageInput): string {
  const launch = `packages/${encodeURIComponent(input.name)}/${input.manifest.launch}`;
  return page(
    lang,
    input.manifest.title,
    base,
    `<script src="assets/scorm-again.js"></script>
<script type="module" src="assets/host.js"></script>
<style>html, body { height: 100%; } smart-host-player { display: block; height: 100vh; }</style>`,
    `<smart-host-player package="${escapeHtml(input.name)}" launch="${escapeHtml(launch)}" version="${input.manifest.version}" learner-id="${escapeHtml(input.learnerId)}" learner-name="${escapeHtml(input.learnerName)}"${reportAttributes(input.reporting)} lang="${lang}" package-title="${escapeHtml(input.manifest.title)}"></smart-host-player>`,
  );
}

function reportAttributes(reporting: PlayPageInput['reporting']): string {
  if (!reporting) return '';
  return ` report-url="${escapeHtml(reporting.url)}" report-token="${escapeHtml(reporting.token)}"`;
}

/** A refusal shown to a person: what is wrong and the way back. */
export function problemPage(base: string, lang: PageLanguage, problem: 'badNip' | 'unknownPackage' | 'unknownLearner'): string {
  const t = STRINGS[lang];
  return page(
    lang,
    t.listTitle,
    base,
    '',
    `<main><h1>${t.listTitle}</h1><p role="alert">${t[problem]}</p><p><a href="./?lang=${lang}">${t.back}</a></p></main>`,
  );
}
