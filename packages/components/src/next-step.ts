import { localize, type CourseOutline, type Language, type NextStep } from '@smart-training/core';

/** How one screen words each kind of next step; each screen has its own tone. */
export interface NextStepWords {
  placement: string;
  material(title: string): string;
  remedial(title: string): string;
  remedialFinal: string;
  final: string;
  certificate: string;
}

/**
 * The sentence telling the learner what to do next. A material or remedial
 * step names the material to study, not its test.
 *
 * @example describeNextStep({ kind: 'final', testId: 'final' }, outline, 'id', words) // 'Semua materi sudah lulus…'
 */
export function describeNextStep(
  next: NextStep,
  outline: CourseOutline | null | undefined,
  lang: Language,
  words: NextStepWords,
): string {
  const materialTitle = (materialId: string): string => {
    const material = outline?.materials.find((candidate) => candidate.id === materialId);
    return material === undefined ? materialId : localize(material.title, lang);
  };
  switch (next.kind) {
    case 'placement':
      return words.placement;
    case 'material':
      return words.material(materialTitle(next.materialId));
    case 'remedial':
      return next.materialId === null ? words.remedialFinal : words.remedial(materialTitle(next.materialId));
    case 'final':
      return words.final;
    case 'certificate':
      return words.certificate;
  }
}
