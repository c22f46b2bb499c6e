import type { CompetencyStatus, Language, MediaRef } from '@smart-training/core';
import type { TestState } from './progress';

/** Every text of the course unit's elements, in one language. */
export interface UnitStrings {
  languageLabel: string;
  languageNames: Record<Language, string>;
  loading: string;
  connecting: string;
  fatalHeading: string;
  courseFileFailed(detail: string): string;
  unexpectedError(detail: string): string;
  retry: string;
  nipHeading: string;
  nipIntro: string;
  nipLabel: string;
  nipHint: string;
  nipSubmit: string;
  learner(name: string, nip: string): string;
  jp(jp: number): string;
  offering: string;
  competency: Record<CompetencyStatus, string>;
  statusLabel: string;
  jpCredited(jp: number): string;
  recommended: string;
  recommendedStep: string;
  placementHeading: string;
  placementFacts(passMark: number): string[];
  materialsHeading: string;
  testState: Record<TestState, string>;
  bestScore(score: string, attempts: number): string;
  attemptsSoFar(attempts: number): string;
  openMaterial: string;
  startTest: string;
  retakeTest: string;
  finalHeading: string;
  finalFacts(passMark: number): string;
  finalLocked(titles: string[]): string;
  locked: string;
  testTimeLimit(minutes: number): string;
  passMark(mark: number): string;
  backToOutline: string;
  mediaHeading: string;
  mediaKind: Record<MediaRef['kind'], string>;
  minutes(n: number): string;
  opensInNewTab: string;
  videoUnavailable: string;
  openVideo: string;
  materialTestHeading: string;
  certificateHeading: string;
  certificateNumber: string;
  certificateIssued: string;
  certificateBasis: Record<'placement' | 'final', string>;
  certificateJp: string;
  viewCertificate: string;
  printCertificate: string;
  statusRefreshFailed: string;
  unknownAu(testId: string): string;
  cmi5PackageNeeded: string;
  auRefusedHeading: string;
  /** Over the rules' answer when the AU's test is one the learner already passed. */
  auPassedHeading: string;
  auReported: string;
  auLeave: string;
  done: string;
  closing: string;
  closed: string;
  nextStepText: {
    placement: string;
    material(title: string): string;
    remedial(title: string): string;
    remedialFinal: string;
    final: string;
    certificate: string;
  };
}

const id: UnitStrings = {
  languageLabel: 'Bahasa',
  languageNames: { id: 'Bahasa Indonesia', en: 'English' },
  loading: 'Memuat pelatihan…',
  connecting: 'Menghubungkan ke server penilaian…',
  fatalHeading: 'Pelatihan tidak dapat dibuka',
  courseFileFailed: (d) =>
    `Berkas pelatihan (course.json) tidak dapat dimuat: ${d}. Muat ulang halaman; jika masih gagal, minta pengelola LMS mengunggah ulang paket ini.`,
  unexpectedError: (d) =>
    `Terjadi kesalahan yang tidak terduga (${d}). Muat ulang halaman; jika masih terjadi, hubungi penyelenggara pelatihan.`,
  retry: 'Coba lagi',
  nipHeading: 'Masuk dengan NIP',
  nipIntro: 'Halaman ini dibuka di luar LMS, jadi kami perlu tahu siapa Anda. Tulis NIP Anda untuk melanjutkan.',
  nipLabel: 'NIP',
  nipHint: '18 angka, tanpa spasi.',
  nipSubmit: 'Lanjutkan',
  learner: (name, nip) => `${name} · NIP ${nip}`,
  jp: (jp) => `${jp} JP`,
  offering: 'Masa pelatihan',
  competency: {
    not_started: 'Belum dimulai',
    in_training: 'Sedang mengikuti pelatihan',
    waived: 'Dibebaskan dari pelatihan (lulus tes penempatan)',
    competent: 'Kompeten',
    not_yet_competent: 'Belum kompeten – remedial',
  },
  statusLabel: 'Status Anda',
  jpCredited: (jp) => `${jp} JP diakui`,
  recommended: 'Disarankan',
  recommendedStep: 'Langkah berikutnya yang disarankan',
  placementHeading: 'Tes penempatan',
  placementFacts: (p) => [
    `Opsional: lewati jika Anda ingin langsung mengikuti pelatihan.`,
    `Nilai lulus ${p}; lulus berarti dibebaskan dari pelatihan dan memperoleh sertifikat.`,
    'Hanya satu kali, tanpa remedial.',
  ],
  materialsHeading: 'Materi',
  testState: { not_started: 'Belum dimulai', remedial: 'Perlu remedial', not_passed: 'Tidak lulus', passed: 'Lulus' },
  bestScore: (s, a) => `Nilai terbaik ${s}, ${a} percobaan`,
  attemptsSoFar: (a) => `${a} percobaan`,
  openMaterial: 'Buka materi',
  startTest: 'Mulai tes',
  retakeTest: 'Ulangi tes (remedial)',
  finalHeading: 'Tes akhir kompetensi',
  finalFacts: (p) => `Nilai ${p} atau lebih: kompeten. Di bawahnya: belum kompeten, lalu remedial.`,
  finalLocked: (titles) => `Terkunci sampai semua materi lulus. Belum lulus: ${titles.join(', ')}.`,
  locked: 'Terkunci',
  testTimeLimit: (m) => `Waktu ${m} menit`,
  passMark: (p) => `Nilai lulus ${p}`,
  backToOutline: 'Kembali ke daftar materi',
  mediaHeading: 'Bahan belajar',
  mediaKind: { video: 'Video', module: 'Modul', slides: 'Bahan tayang', reference: 'Referensi' },
  minutes: (n) => `${n} menit`,
  opensInNewTab: '(terbuka di tab baru)',
  videoUnavailable:
    'Video ini tidak dapat diputar di halaman ini: alamatnya tidak dapat dijangkau dari jaringan Anda atau formatnya tidak didukung peramban.',
  openVideo: 'Buka video di tab baru',
  materialTestHeading: 'Tes materi',
  certificateHeading: 'Sertifikat (STTPL)',
  certificateNumber: 'Nomor sertifikat',
  certificateIssued: 'Diterbitkan',
  certificateBasis: {
    placement: 'Atas dasar kelulusan tes penempatan (pengakuan kompetensi)',
    final: 'Atas dasar kelulusan tes akhir kompetensi',
  },
  certificateJp: 'Jam pelajaran diakui',
  viewCertificate: 'Lihat sertifikat',
  printCertificate: 'Cetak sertifikat',
  statusRefreshFailed: 'Status terbaru belum dapat dimuat; yang tampil adalah status terakhir yang diketahui.',
  unknownAu: (testId) =>
    `LMS membuka unit ini untuk tes "${testId}", tetapi pelatihan ini tidak memiliki tes tersebut. Minta pengelola LMS mengunggah ulang paket versi terbaru.`,
  cmi5PackageNeeded:
    'LMS membuka unit ini sebagai cmi5, tetapi paket yang diunggah bukan paket cmi5, sehingga hasil Anda tidak akan tercatat. Minta pengelola LMS mengimpor paket cmi5 pelatihan ini.',
  auRefusedHeading: 'Tes ini belum dapat diikuti',
  auPassedHeading: 'Anda sudah lulus tes ini',
  auReported: 'Hasil tes ini sudah dikirim ke LMS.',
  auLeave: 'Pilih Selesai untuk menutup sesi dan kembali ke LMS.',
  done: 'Selesai',
  closing: 'Menutup sesi…',
  closed: 'Sesi sudah ditutup dan hasil Anda tersimpan. Anda dapat menutup jendela ini.',
  nextStepText: {
    placement: 'Ikuti tes penempatan, atau langsung pelajari materi pertama.',
    material: (t) => `Pelajari materi: ${t}.`,
    remedial: (t) => `Pelajari kembali ${t}, lalu ulangi tesnya (remedial).`,
    remedialFinal: 'Ulangi tes akhir kompetensi (remedial).',
    final: 'Semua materi sudah lulus. Ikuti tes akhir kompetensi.',
    certificate: 'Sertifikat Anda sudah terbit.',
  },
};

const en: UnitStrings = {
  languageLabel: 'Language',
  languageNames: { id: 'Bahasa Indonesia', en: 'English' },
  loading: 'Loading the training…',
  connecting: 'Connecting to the assessment server…',
  fatalHeading: 'The training cannot be opened',
  courseFileFailed: (d) =>
    `The training file (course.json) could not be loaded: ${d}. Reload the page; if it still fails, ask the LMS administrator to upload this package again.`,
  unexpectedError: (d) =>
    `An unexpected error occurred (${d}). Reload the page; if it happens again, contact the training organiser.`,
  retry: 'Try again',
  nipHeading: 'Sign in with your NIP',
  nipIntro: 'This page was opened outside an LMS, so we need to know who you are. Enter your NIP to continue.',
  nipLabel: 'NIP',
  nipHint: '18 digits, no spaces.',
  nipSubmit: 'Continue',
  learner: (name, nip) => `${name} · NIP ${nip}`,
  jp: (jp) => `${jp} JP`,
  offering: 'Training window',
  competency: {
    not_started: 'Not started',
    in_training: 'In training',
    waived: 'Waived from the training (placement passed)',
    competent: 'Competent',
    not_yet_competent: 'Not yet competent – remedial',
  },
  statusLabel: 'Your status',
  jpCredited: (jp) => `${jp} JP credited`,
  recommended: 'Recommended',
  recommendedStep: 'Recommended next step',
  placementHeading: 'Placement test',
  placementFacts: (p) => [
    'Optional: skip it to go straight to the training.',
    `Pass mark ${p}; a pass waives the training and earns the certificate.`,
    'One attempt only, no remedial.',
  ],
  materialsHeading: 'Materials',
  testState: { not_started: 'Not started', remedial: 'Remedial needed', not_passed: 'Not passed', passed: 'Passed' },
  bestScore: (s, a) => `Best score ${s}, ${a} ${a === 1 ? 'attempt' : 'attempts'}`,
  attemptsSoFar: (a) => `${a} ${a === 1 ? 'attempt' : 'attempts'}`,
  openMaterial: 'Open the material',
  startTest: 'Start the test',
  retakeTest: 'Retake the test (remedial)',
  finalHeading: 'Final competency test',
  finalFacts: (p) => `${p} or more: competent. Below: not yet competent, then remedial.`,
  finalLocked: (titles) => `Locked until every material is passed. Not passed yet: ${titles.join(', ')}.`,
  locked: 'Locked',
  testTimeLimit: (m) => `${m} minutes`,
  passMark: (p) => `Pass mark ${p}`,
  backToOutline: 'Back to the course',
  mediaHeading: 'Learning resources',
  mediaKind: { video: 'Video', module: 'Module', slides: 'Slides', reference: 'Reference' },
  minutes: (n) => `${n} min`,
  opensInNewTab: '(opens in a new tab)',
  videoUnavailable:
    'This video cannot be played on this page: its address cannot be reached from your network, or the browser does not support its format.',
  openVideo: 'Open the video in a new tab',
  materialTestHeading: 'Material test',
  certificateHeading: 'Certificate (STTPL)',
  certificateNumber: 'Certificate number',
  certificateIssued: 'Issued',
  certificateBasis: {
    placement: 'On the basis of the placement test (recognition of prior learning)',
    final: 'On the basis of the final competency test',
  },
  certificateJp: 'Lesson hours credited',
  viewCertificate: 'View the certificate',
  printCertificate: 'Print certificate',
  statusRefreshFailed: 'The latest status could not be loaded; what you see is the last status known.',
  unknownAu: (testId) =>
    `The LMS opened this unit for test "${testId}", but this course has no such test. Ask the LMS administrator to upload the latest version of the package.`,
  cmi5PackageNeeded:
    'A cmi5 LMS opened this unit, but the package uploaded is not a cmi5 package, so your results would not be recorded. Ask the LMS administrator to import the course\'s cmi5 package.',
  auRefusedHeading: 'This test cannot be taken now',
  auPassedHeading: 'You have passed this test',
  auReported: 'The result of this test has been sent to the LMS.',
  auLeave: 'Choose Done to close the session and return to the LMS.',
  done: 'Done',
  closing: 'Closing the session…',
  closed: 'The session is closed and your results are saved. You can close this window.',
  nextStepText: {
    placement: 'Take the placement test, or go straight to the first material.',
    material: (t) => `Study the material: ${t}.`,
    remedial: (t) => `Study ${t} again, then retake its test (remedial).`,
    remedialFinal: 'Retake the final competency test (remedial).',
    final: 'Every material is passed. Take the final competency test.',
    certificate: 'Your certificate has been issued.',
  },
};

/** The unit's texts by language; Indonesian is the default. */
export const UNIT_STRINGS: Record<Language, UnitStrings> = { id, en };
