import { localize } from './i18n';
import type {
  CompetencyStatus,
  Course,
  Language,
  LocalizedText,
  Material,
  RuleViolationCode,
  TestSpec,
} from './model';

/** What a rule violation message may mention. */
export interface ViolationFacts {
  course: Course;
  testId: string;
  test?: TestSpec;
  status?: CompetencyStatus;
  /** Materials whose test is not passed yet, in course order. */
  unpassed?: readonly Material[];
}

/**
 * The bilingual message of a rule violation: what is not allowed and what the
 * learner should do instead.
 */
export function violationMessage(code: RuleViolationCode, facts: ViolationFacts): LocalizedText {
  const { course, testId } = facts;
  const title = (lang: Language) =>
    facts.test === undefined ? testId : localize(facts.test.title, lang);
  switch (code) {
    case 'unknown_test':
      return {
        id: `Tes "${testId}" tidak ada dalam pelatihan ini. Pilih salah satu tes pada kerangka pelatihan.`,
        en: `There is no test "${testId}" in this course. Choose one of the tests in the course outline.`,
      };
    case 'offering_not_open':
      return {
        id: `Pelatihan ini baru dibuka pada ${when(course.offering.opens, course, 'id')}. Silakan kembali pada waktu tersebut.`,
        en: `This course opens on ${when(course.offering.opens, course, 'en')}. Please come back then.`,
      };
    case 'offering_closed':
      return {
        id: `Masa pelatihan ini berakhir pada ${when(course.offering.closes, course, 'id')}. Hubungi penyelenggara untuk mengikuti angkatan berikutnya.`,
        en: `This course offering closed on ${when(course.offering.closes, course, 'en')}. Ask the organiser to enrol you in a later offering.`,
      };
    case 'already_certified':
      return facts.status === 'waived'
        ? {
            id: 'Anda sudah dinyatakan kompeten melalui tes penempatan dan tidak perlu mengikuti tes lagi. Buka sertifikat (STTPL) Anda di halaman pelatihan untuk melihat atau mencetaknya.',
            en: 'The placement test already recognised you as competent, so you need no more tests. Open your certificate (STTPL) on the course page to view or print it.',
          }
        : {
            id: 'Anda sudah lulus tes akhir dan dinyatakan kompeten; tidak ada tes lagi yang perlu diikuti. Buka sertifikat (STTPL) Anda di halaman pelatihan untuk melihat atau mencetaknya.',
            en: 'You passed the final test and are competent; no more tests are needed. Open your certificate (STTPL) on the course page to view or print it.',
          };
    case 'placement_already_taken':
      return {
        id: 'Tes penempatan hanya dapat diikuti satu kali dan Anda sudah mengikutinya. Lanjutkan dengan mempelajari materi dan mengerjakan tes setiap materi.',
        en: 'The placement test allows a single attempt and you have taken it. Continue with the materials and their tests.',
      };
    case 'placement_after_training':
      return {
        id: 'Tes penempatan hanya tersedia sebelum pelatihan dimulai, sedangkan Anda sudah mengerjakan tes pelatihan. Lanjutkan pelatihan sampai tes akhir.',
        en: 'The placement test is offered only before training starts, and you have already taken a training test. Continue the training through to the final test.',
      };
    case 'already_passed':
      return {
        id: `Anda sudah lulus ${title('id')}; tes yang sudah lulus tidak dapat diulang. Lanjutkan ke materi berikutnya.`,
        en: `You have already passed ${title('en')}; a passed test cannot be retaken. Go on to the next material.`,
      };
    case 'materials_not_passed':
      return {
        id: `Tes akhir terbuka setelah semua tes materi lulus. Selesaikan dulu: ${materialList(facts, 'id')}.`,
        en: `The final test opens once every material test is passed. Pass these first: ${materialList(facts, 'en')}.`,
      };
    case 'attempts_exhausted':
      return {
        id: `Anda sudah menggunakan seluruh ${facts.test?.maxAttempts} kesempatan untuk ${title('id')}. Hubungi penyelenggara untuk langkah selanjutnya.`,
        en: `You have used all ${facts.test?.maxAttempts} attempts at ${title('en')}. Contact the organiser about what comes next.`,
      };
  }
}

function materialList(facts: ViolationFacts, lang: Language): string {
  return (facts.unpassed ?? []).map((material) => localize(material.title, lang)).join(', ');
}

/** An offering instant as people in the offering's time zone read it. */
function when(instant: string, course: Course, lang: Language): string {
  const date = new Date(instant);
  const zone = course.offering.timeZone;
  try {
    const formatted = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: zone,
    }).format(date);
    return `${formatted} (${zone})`;
  } catch (error) {
    // A zone the runtime does not know still leaves the instant as the author wrote it.
    if (error instanceof RangeError) return instant;
    throw error;
  }
}
