import type { ItemType, Language, TestKind } from '@smart-training/core';
import type { ResultView } from '@smart-training/runtime';
import type { NextStepWords } from '@smart-training/components';

type Decision = ResultView['decision'];

/** Every text the CAT player shows, in one language. */
export interface CatStrings {
  loading: string;
  submitting: string;
  timeLeft: string;
  minutesLeft(minutes: number): string;
  timeUp: string;
  attempt(n: number): string;
  itemCount: string;
  timeLimit: string;
  duration(seconds: number): string;
  passMark: string;
  rulesHeading: string;
  rules(kind: TestKind, passMark: number): string[];
  resumedNotice(answersRestored: boolean): string;
  start: string;
  itemHeading(n: number, total: number): string;
  legend(type: ItemType): string;
  flag: string;
  previous: string;
  next: string;
  review: string;
  paletteLabel: string;
  paletteItem(n: number, answered: boolean, flagged: boolean): string;
  keyAnswered: string;
  keyFlagged: string;
  keyCurrent: string;
  reviewHeading: string;
  reviewSummary(answered: number, total: number): string;
  unansweredHeading: string;
  flaggedHeading: string;
  none: string;
  jumpTo(n: number): string;
  backToItems: string;
  submit: string;
  confirmHeading: string;
  confirmBody(unanswered: number): string;
  confirmSubmit: string;
  cancel: string;
  resultHeading: string;
  score: string;
  correctLabel: string;
  decision: Record<Decision, string>;
  nextHeading: string;
  nextStep: NextStepWords;
  nextButton: Record<'placement' | 'material' | 'remedial' | 'final' | 'certificate', string>;
  noNext: string;
  backToCourse: string;
  errorHeading: string;
  unexpectedError(detail: string): string;
  answersKept: string;
  retry: string;
}

const id: CatStrings = {
  loading: 'Memuat lembar soal…',
  submitting: 'Mengirim jawaban…',
  timeLeft: 'Sisa waktu',
  minutesLeft: (m) => `Sisa waktu ${m} menit.`,
  timeUp: 'Waktu habis. Jawaban Anda sedang dikirim.',
  attempt: (n) => `Percobaan ke-${n}`,
  itemCount: 'Jumlah soal',
  timeLimit: 'Batas waktu',
  duration: (s) => (s % 60 === 0 ? `${s / 60} menit` : `${Math.floor(s / 60)} menit ${s % 60} detik`),
  passMark: 'Nilai lulus',
  rulesHeading: 'Ketentuan',
  rules: (kind, passMark) => [
    ...{
      placement: [
        'Tes penempatan hanya dapat diikuti satu kali, tanpa remedial.',
        `Nilai ${passMark} atau lebih membebaskan Anda dari pelatihan dan Anda langsung memperoleh sertifikat.`,
        'Jika belum mencapai nilai itu, Anda mengikuti pelatihan seperti biasa.',
      ],
      material: [
        `Jika nilai Anda di bawah ${passMark}, pelajari kembali materinya lalu ulangi tes (remedial) sampai lulus.`,
        'Setiap percobaan mendapat soal yang berbeda.',
      ],
      final: [
        `Nilai ${passMark} atau lebih menyatakan Anda kompeten.`,
        'Jika belum kompeten, Anda dapat mengulang tes (remedial) selama kesempatan masih ada.',
      ],
    }[kind],
    'Waktu mulai berjalan ketika Anda menekan tombol mulai, dan terus berjalan walaupun halaman ini ditutup.',
    'Jawaban dikirim otomatis ketika waktu habis.',
    'Anda dapat menandai soal untuk ditinjau dan kembali ke soal mana pun sebelum mengirim.',
  ],
  resumedNotice: (restored) =>
    `Anda melanjutkan lembar soal yang sudah dibuka sebelumnya, dengan sisa waktunya.${
      restored ? ' Jawaban yang tersimpan di perangkat ini sudah dipulihkan.' : ''
    }`,
  start: 'Mulai mengerjakan',
  itemHeading: (n, total) => `Soal ${n} dari ${total}`,
  legend: (type) =>
    ({
      single: 'Pilih satu jawaban',
      multiple: 'Pilih semua jawaban yang benar',
      truefalse: 'Benar atau salah?',
    })[type],
  flag: 'Tandai untuk ditinjau',
  previous: 'Sebelumnya',
  next: 'Berikutnya',
  review: 'Tinjau jawaban',
  paletteLabel: 'Daftar soal',
  paletteItem: (n, answered, flagged) =>
    `Soal ${n}, ${answered ? 'sudah dijawab' : 'belum dijawab'}${flagged ? ', ditandai' : ''}`,
  keyAnswered: 'Dijawab',
  keyFlagged: 'Ditandai',
  keyCurrent: 'Sedang dibuka',
  reviewHeading: 'Tinjauan jawaban',
  reviewSummary: (a, t) => `${a} dari ${t} soal sudah dijawab.`,
  unansweredHeading: 'Belum dijawab',
  flaggedHeading: 'Ditandai untuk ditinjau',
  none: 'Tidak ada.',
  jumpTo: (n) => `Soal ${n}`,
  backToItems: 'Kembali ke soal',
  submit: 'Kirim jawaban',
  confirmHeading: 'Kirim jawaban sekarang?',
  confirmBody: (u) =>
    u === 0
      ? 'Semua soal sudah dijawab. Setelah dikirim, jawaban tidak dapat diubah.'
      : `${u} soal belum dijawab dan akan dinilai salah. Setelah dikirim, jawaban tidak dapat diubah.`,
  confirmSubmit: 'Ya, kirim',
  cancel: 'Batal',
  resultHeading: 'Hasil tes',
  score: 'Nilai',
  correctLabel: 'Jawaban benar',
  decision: {
    passed: 'Lulus',
    failed: 'Tidak lulus – remedial',
    waived: 'Lulus – dibebaskan dari pelatihan, sertifikat diterbitkan',
    enrolled: 'Tidak lulus tes penempatan – Anda mengikuti pelatihan',
    competent: 'Lulus – kompeten',
    not_yet_competent: 'Tidak lulus – belum kompeten, remedial',
  },
  nextHeading: 'Langkah berikutnya',
  nextStep: {
    placement: 'Ikuti tes penempatan.',
    material: (t) => `Pelajari materi berikutnya: ${t}.`,
    remedial: (t) => `Pelajari kembali ${t}, lalu ulangi tesnya (remedial).`,
    remedialFinal: 'Ulangi tes akhir (remedial) setelah mempelajari kembali materinya.',
    final: 'Semua materi sudah lulus. Ikuti tes akhir.',
    certificate: 'Sertifikat Anda sudah terbit.',
  },
  nextButton: {
    placement: 'Mulai tes penempatan',
    material: 'Buka materi',
    remedial: 'Mulai remedial',
    final: 'Mulai tes akhir',
    certificate: 'Lihat sertifikat',
  },
  noNext: 'Tidak ada langkah lagi dalam pelatihan ini.',
  backToCourse: 'Kembali ke daftar materi',
  errorHeading: 'Terjadi kendala',
  unexpectedError: (d) =>
    `Terjadi kesalahan yang tidak terduga (${d}). Muat ulang halaman; jika masih terjadi, hubungi penyelenggara pelatihan.`,
  answersKept: 'Jawaban Anda tetap tersimpan di perangkat ini.',
  retry: 'Coba lagi',
};

const en: CatStrings = {
  loading: 'Loading the test form…',
  submitting: 'Sending your answers…',
  timeLeft: 'Time left',
  minutesLeft: (m) => `${m} ${m === 1 ? 'minute' : 'minutes'} left.`,
  timeUp: 'Time is up. Your answers are being sent.',
  attempt: (n) => `Attempt ${n}`,
  itemCount: 'Questions',
  timeLimit: 'Time limit',
  duration: (s) => (s % 60 === 0 ? `${s / 60} minutes` : `${Math.floor(s / 60)} min ${s % 60} s`),
  passMark: 'Pass mark',
  rulesHeading: 'Rules',
  rules: (kind, passMark) => [
    ...{
      placement: [
        'The placement test can be taken once only, with no remedial retake.',
        `A score of ${passMark} or more waives the training and you receive the certificate at once.`,
        'Below that, you join the training as usual.',
      ],
      material: [
        `If you score below ${passMark}, study the material again and retake the test (remedial) until you pass.`,
        'Every attempt gets different questions.',
      ],
      final: [
        `A score of ${passMark} or more makes you competent.`,
        'If you are not yet competent, you may retake the test (remedial) while attempts remain.',
      ],
    }[kind],
    'The time starts when you press start and keeps running even while this page is closed.',
    'Your answers are sent automatically when the time runs out.',
    'You can flag questions for review and go back to any question before you submit.',
  ],
  resumedNotice: (restored) =>
    `You are continuing a form that was opened earlier, with the time it has left.${
      restored ? ' The answers saved on this device have been restored.' : ''
    }`,
  start: 'Start the test',
  itemHeading: (n, total) => `Question ${n} of ${total}`,
  legend: (type) =>
    ({
      single: 'Choose one answer',
      multiple: 'Choose every correct answer',
      truefalse: 'True or false?',
    })[type],
  flag: 'Flag for review',
  previous: 'Previous',
  next: 'Next',
  review: 'Review answers',
  paletteLabel: 'Questions',
  paletteItem: (n, answered, flagged) =>
    `Question ${n}, ${answered ? 'answered' : 'not answered'}${flagged ? ', flagged' : ''}`,
  keyAnswered: 'Answered',
  keyFlagged: 'Flagged',
  keyCurrent: 'On screen',
  reviewHeading: 'Review your answers',
  reviewSummary: (a, t) => `${a} of ${t} questions answered.`,
  unansweredHeading: 'Not answered',
  flaggedHeading: 'Flagged for review',
  none: 'None.',
  jumpTo: (n) => `Question ${n}`,
  backToItems: 'Back to the questions',
  submit: 'Submit answers',
  confirmHeading: 'Submit your answers now?',
  confirmBody: (u) =>
    u === 0
      ? 'Every question is answered. Once submitted, answers cannot be changed.'
      : `${u} ${u === 1 ? 'question is' : 'questions are'} not answered and will count as wrong. Once submitted, answers cannot be changed.`,
  confirmSubmit: 'Yes, submit',
  cancel: 'Go back',
  resultHeading: 'Your result',
  score: 'Score',
  correctLabel: 'Correct answers',
  decision: {
    passed: 'Passed',
    failed: 'Not passed – remedial',
    waived: 'Passed – waived from the training, certificate issued',
    enrolled: 'Placement not passed – you join the training',
    competent: 'Passed – competent',
    not_yet_competent: 'Not passed – not yet competent, remedial',
  },
  nextHeading: 'What comes next',
  nextStep: {
    placement: 'Take the placement test.',
    material: (t) => `Study the next material: ${t}.`,
    remedial: (t) => `Study ${t} again, then retake its test (remedial).`,
    remedialFinal: 'Retake the final test (remedial) after studying the material again.',
    final: 'Every material is passed. Take the final test.',
    certificate: 'Your certificate has been issued.',
  },
  nextButton: {
    placement: 'Start the placement test',
    material: 'Open the material',
    remedial: 'Start the remedial',
    final: 'Start the final test',
    certificate: 'View the certificate',
  },
  noNext: 'Nothing else is left in this training.',
  backToCourse: 'Back to the course',
  errorHeading: 'Something went wrong',
  unexpectedError: (d) =>
    `An unexpected error occurred (${d}). Reload the page; if it happens again, contact the training organiser.`,
  answersKept: 'Your answers are still saved on this device.',
  retry: 'Try again',
};

/** The player's texts by language; Indonesian is the default. */
export const CAT_STRINGS: Record<Language, CatStrings> = { id, en };
