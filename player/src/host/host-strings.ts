/** Labels of `<smart-host-player>`, Indonesian first. */
export const HOST_PLAYER_STRINGS = {
  id: {
    panelTitle: 'Data SCORM (CMI)',
    frameTitle: (title: string) => `Konten paket: ${title}`,
    learnerId: 'NIP peserta',
    lessonStatus: 'Status pelajaran',
    successStatus: 'Status kelulusan',
    completionStatus: 'Status penyelesaian',
    scoreRaw: 'Nilai (score.raw)',
    commits: 'Jumlah commit',
    lastCall: 'Panggilan terakhir',
    none: '–',
    resumed: 'Data sebelumnya dipulihkan dari peramban ini.',
    missingLibrary:
      'Pustaka scorm-again tidak termuat, sehingga paket tidak dapat berkomunikasi dengan LMS. Muat ulang halaman; bila tetap gagal, hubungi operator LRS.',
  },
  en: {
    panelTitle: 'SCORM data (CMI)',
    frameTitle: (title: string) => `Package content: ${title}`,
    learnerId: 'Learner NIP',
    lessonStatus: 'Lesson status',
    successStatus: 'Success status',
    completionStatus: 'Completion status',
    scoreRaw: 'Score (score.raw)',
    commits: 'Commits',
    lastCall: 'Last call',
    none: '–',
    resumed: 'Earlier data was restored from this browser.',
    missingLibrary:
      'The scorm-again library did not load, so the package cannot talk to the LMS. Reload the page; if it still fails, contact the LRS operator.',
  },
} as const;
