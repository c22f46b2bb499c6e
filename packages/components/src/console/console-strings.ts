import type { CompetencyStatus, Language } from '@smart-training/core';

/** Every text of the evaluator console, Indonesian first. */
export interface ConsoleStrings {
  title: string;
  switchLanguage: string;
  switchLanguageLang: Language;
  loginHeading: string;
  loginIntro: string;
  key: string;
  secret: string;
  login: string;
  logout: string;
  loading: string;
  course: string;
  noCourses: string;
  refresh: string;
  summaryHeading: string;
  counts: {
    enrolled: string;
    placementTaken: string;
    waivedByPlacement: string;
    inTraining: string;
    competent: string;
    notYetCompetent: string;
    remedialRetakes: string;
  };
  materialsCaption: string;
  material: string;
  passed: string;
  attempts: string;
  remedialRetakes: string;
  learnersHeading: string;
  learnersCaption: string;
  noLearners: string;
  nip: string;
  name: string;
  unit: string;
  status: string;
  jp: string;
  lastActivity: string;
  show: string;
  showLearner: (name: string) => string;
  detailHeading: (name: string) => string;
  close: string;
  certificate: (number: string, date: string) => string;
  noCertificate: string;
  testsCaption: string;
  test: string;
  passMark: string;
  bestScore: string;
  attemptsCaption: string;
  noAttempts: string;
  attempt: string;
  score: string;
  outcome: string;
  at: string;
  yes: string;
  no: string;
  placementFailed: string;
  none: string;
  outcomes: { passed: string; failed: string };
  statuses: Record<CompetencyStatus, string>;
  /** Added to a material test's title, which names only the material. */
  materialTest: string;
  unexpected: (detail: string) => string;
}

export const CONSOLE_STRINGS: Record<Language, ConsoleStrings> = {
  id: {
    title: 'Konsol Evaluator SMART Training',
    switchLanguage: 'English',
    switchLanguageLang: 'en',
    loginHeading: 'Masuk',
    loginIntro: 'Masuk dengan kredensial admin LRS (kunci dan rahasia). Kredensial hanya disimpan selama tab ini terbuka.',
    key: 'Kunci',
    secret: 'Rahasia',
    login: 'Masuk',
    logout: 'Keluar',
    loading: 'Memuat…',
    course: 'Pelatihan',
    noCourses: 'Belum ada pelatihan yang diterbitkan ke LRS ini.',
    refresh: 'Muat ulang',
    summaryHeading: 'Ringkasan penyelenggaraan',
    counts: {
      enrolled: 'Peserta terdaftar',
      placementTaken: 'Mengikuti tes penempatan',
      waivedByPlacement: 'Dibebaskan lewat tes penempatan',
      inTraining: 'Sedang pelatihan',
      competent: 'Kompeten',
      notYetCompetent: 'Belum kompeten',
      remedialRetakes: 'Ujian ulang remedial',
    },
    materialsCaption: 'Hasil tes per materi',
    material: 'Materi',
    passed: 'Lulus',
    attempts: 'Percobaan',
    remedialRetakes: 'Remedial',
    learnersHeading: 'Peserta',
    learnersCaption: 'Daftar peserta dan status kompetensinya',
    noLearners: 'Belum ada peserta pada pelatihan ini.',
    nip: 'NIP',
    name: 'Nama',
    unit: 'Unit kerja',
    status: 'Status',
    jp: 'JP',
    lastActivity: 'Aktivitas terakhir',
    show: 'Rincian',
    showLearner: (name) => `Rincian ${name}`,
    detailHeading: (name) => `Rincian peserta: ${name}`,
    close: 'Tutup rincian',
    certificate: (number, date) => `Sertifikat (STTPL) ${number}, terbit ${date}`,
    noCertificate: 'Belum ada sertifikat.',
    testsCaption: 'Tes dalam pelatihan',
    test: 'Tes',
    passMark: 'Nilai lulus',
    bestScore: 'Nilai terbaik',
    attemptsCaption: 'Riwayat percobaan',
    noAttempts: 'Belum ada percobaan.',
    attempt: 'Percobaan ke-',
    score: 'Nilai',
    outcome: 'Hasil',
    at: 'Waktu',
    yes: 'Ya',
    no: 'Belum',
    placementFailed: 'Tidak lulus (mengikuti pelatihan)',
    none: '–',
    outcomes: { passed: 'Lulus', failed: 'Tidak lulus' },
    statuses: {
      not_started: 'Belum mulai',
      in_training: 'Sedang pelatihan',
      waived: 'Dibebaskan (lulus tes penempatan)',
      competent: 'Kompeten',
      not_yet_competent: 'Belum kompeten',
    },
    materialTest: 'Tes materi',
    unexpected: (detail) => `Terjadi kesalahan tak terduga (${detail}). Muat ulang halaman; bila berulang, hubungi operator LRS.`,
  },
  en: {
    title: 'SMART Training Evaluator Console',
    switchLanguage: 'Bahasa Indonesia',
    switchLanguageLang: 'id',
    loginHeading: 'Sign in',
    loginIntro: 'Sign in with an LRS admin credential (key and secret). It is kept only while this tab is open.',
    key: 'Key',
    secret: 'Secret',
    login: 'Sign in',
    logout: 'Sign out',
    loading: 'Loading…',
    course: 'Course',
    noCourses: 'No course has been published to this LRS yet.',
    refresh: 'Refresh',
    summaryHeading: 'Offering summary',
    counts: {
      enrolled: 'Enrolled learners',
      placementTaken: 'Took the placement test',
      waivedByPlacement: 'Waived by placement',
      inTraining: 'In training',
      competent: 'Competent',
      notYetCompetent: 'Not yet competent',
      remedialRetakes: 'Remedial retakes',
    },
    materialsCaption: 'Test results per material',
    material: 'Material',
    passed: 'Passed',
    attempts: 'Attempts',
    remedialRetakes: 'Remedial',
    learnersHeading: 'Learners',
    learnersCaption: 'Learners and their competency status',
    noLearners: 'No learners in this course yet.',
    nip: 'NIP',
    name: 'Name',
    unit: 'Work unit',
    status: 'Status',
    jp: 'JP',
    lastActivity: 'Last activity',
    show: 'Details',
    showLearner: (name) => `Details of ${name}`,
    detailHeading: (name) => `Learner details: ${name}`,
    close: 'Close details',
    certificate: (number, date) => `Certificate (STTPL) ${number}, issued ${date}`,
    noCertificate: 'No certificate yet.',
    testsCaption: 'Tests of the course',
    test: 'Test',
    passMark: 'Pass mark',
    bestScore: 'Best score',
    attemptsCaption: 'Attempt history',
    noAttempts: 'No attempts yet.',
    attempt: 'Attempt',
    score: 'Score',
    outcome: 'Outcome',
    at: 'Time',
    yes: 'Yes',
    no: 'Not yet',
    placementFailed: 'Failed (enrolled)',
    none: '–',
    outcomes: { passed: 'Passed', failed: 'Failed' },
    statuses: {
      not_started: 'Not started',
      in_training: 'In training',
      waived: 'Waived (passed placement)',
      competent: 'Competent',
      not_yet_competent: 'Not yet competent',
    },
    materialTest: 'Material test',
    unexpected: (detail) => `Something unexpected went wrong (${detail}). Reload the page; if it happens again, contact the LRS operator.`,
  },
};
