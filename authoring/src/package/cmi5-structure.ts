import { create } from 'xmlbuilder2';
import type { CourseOutline, LocalizedText, TestSpec } from '@smart-training/core';
import { auActivityId, courseActivityId } from '@smart-training/xapi';
import { taggedTexts } from './localized';

type XmlElement = ReturnType<typeof create>;

const CMI5_NAMESPACE = 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd';

/** The query parameter that focuses the unit on one test; the runtime reads it. */
export const AU_QUERY_PARAMETER = 'smart-au';

/**
 * The cmi5.xml of a course: one assignable unit per test, in the order a
 * learner meets them (placement, each material test, final). Every AU
 * launches the same index.html focused on its test, and its masteryScore and
 * moveOn say in cmi5 terms what the SMART rules decide: the placement test
 * is optional (NotApplicable), every other test must be passed.
 *
 * @example
 * buildCmi5Structure(outline) // '<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">…'
 */
export function buildCmi5Structure(outline: CourseOutline): string {
  const structure = create({ version: '1.0', encoding: 'UTF-8' }).ele(CMI5_NAMESPACE, 'courseStructure');
  const course = structure.ele('course', { id: courseActivityId(outline.id) });
  langstrings(course.ele('title'), outline.title);
  langstrings(course.ele('description'), outline.description);

  const tests = [outline.placement, ...outline.materials.map((material) => material.test), outline.final];
  for (const test of tests) {
    const au = structure.ele('au', {
      id: auActivityId(outline.id, test.id),
      moveOn: test.kind === 'placement' ? 'NotApplicable' : 'Passed',
      masteryScore: String(test.passMark / 100),
      // The unit is one self-contained page: it runs framed or in a window of
      // its own, never navigates away and needs no returnURL, so the LMS may choose.
      launchMethod: 'AnyWindow',
    });
    langstrings(au.ele('title'), test.title);
    langstrings(au.ele('description'), auDescription(outline, test));
    au.ele('url').txt(`index.html?${AU_QUERY_PARAMETER}=${encodeURIComponent(test.id)}`);
  }
  return structure.end({ prettyPrint: true });
}

function langstrings(parent: XmlElement, text: LocalizedText): void {
  for (const [lang, value] of taggedTexts(text)) parent.ele('langstring', { lang }).txt(value);
}

/** What the LMS shows beside the AU: when the test is taken and what its result means. */
function auDescription(outline: CourseOutline, test: TestSpec): LocalizedText {
  const mark = { id: test.passMark.toLocaleString('id-ID'), en: test.passMark.toLocaleString('en-US') };
  switch (test.kind) {
    case 'placement':
      return {
        id: `Tes penempatan sebelum pelatihan, tidak wajib, satu kali kesempatan. Nilai ${mark.id} atau lebih membebaskan Anda dari pelatihan dan tes lainnya.`,
        en: `Optional placement test before the training, one attempt only. A score of ${mark.en} or more waives the training and the other tests.`,
      };
    case 'material': {
      const material = outline.materials.find((candidate) => candidate.test.id === test.id);
      const title = material?.title ?? test.title;
      return {
        id: `Tes materi "${title.id}". Lulus dengan nilai ${mark.id} atau lebih; bila belum lulus, pelajari lagi materinya dan ulangi tes dengan soal baru.`,
        en: `Test of the material "${title.en ?? title.id}". Pass with ${mark.en} or more; otherwise study the material again and retake the test with new questions.`,
      };
    }
    case 'final': {
      const attempts =
        test.maxAttempts === null
          ? { id: 'dapat diulang setelah remedial', en: 'it may be retaken after remedial study' }
          : { id: `paling banyak ${test.maxAttempts} kali`, en: `at most ${test.maxAttempts} attempt(s)` };
      return {
        id: `Tes akhir kompetensi, terbuka setelah semua tes materi lulus. Nilai ${mark.id} atau lebih menyatakan Anda kompeten; ${attempts.id}.`,
        en: `Final competency test, open once every material test is passed. A score of ${mark.en} or more makes you competent; ${attempts.en}.`,
      };
    }
  }
}
