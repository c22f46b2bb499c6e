import { SmartCertificatePanel } from './certificate-panel';
import { SmartCourseOutline } from './course-outline';
import { SmartCourseUnit } from './course-unit';
import { SmartMaterialView } from './material-view';
import { SmartNipForm } from './nip-form';

/** The course unit's tags and their classes. */
export const UNIT_ELEMENTS: readonly (readonly [string, CustomElementConstructor])[] = [
  ['smart-course-unit', SmartCourseUnit],
  ['smart-course-outline', SmartCourseOutline],
  ['smart-material-view', SmartMaterialView],
  ['smart-certificate-panel', SmartCertificatePanel],
  ['smart-nip-form', SmartNipForm],
];

/**
 * Registers the course unit's elements under their `smart-` tags; tags
 * already taken (the bundle loaded twice) are left alone.
 *
 * @example
 * defineUnitElements();
 * document.body.innerHTML = '<smart-course-unit src="course.json"></smart-course-unit>';
 */
export function defineUnitElements(): void {
  for (const [tag, element] of UNIT_ELEMENTS) {
    if (customElements.get(tag) === undefined) customElements.define(tag, element);
  }
}
