import { create } from 'xmlbuilder2';
import type { CourseOutline } from '@smart-training/core';
import { ACTIVITY_TYPES, courseActivityId } from '@smart-training/xapi';
import { taggedTexts } from './localized';

const TINCAN_NAMESPACE = 'http://projecttincan.com/tincan.xsd';

/**
 * The tincan.xml of an xAPI package: the course as one activity launching
 * index.html, which plays the whole course. The LMS appends its launch
 * parameters (endpoint, auth, actor) to that URL.
 *
 * @example
 * buildTincanXml(outline) // '<tincan xmlns="http://projecttincan.com/tincan.xsd"><activities><activity …'
 */
export function buildTincanXml(outline: CourseOutline): string {
  const tincan = create({ version: '1.0', encoding: 'UTF-8' }).ele(TINCAN_NAMESPACE, 'tincan');
  const activity = tincan
    .ele('activities')
    .ele('activity', { id: courseActivityId(outline.id), type: ACTIVITY_TYPES.course });
  for (const [lang, text] of taggedTexts(outline.title)) activity.ele('name', { lang }).txt(text);
  for (const [lang, text] of taggedTexts(outline.description)) activity.ele('description', { lang }).txt(text);
  activity.ele('launch', { lang: 'id-ID' }).txt('index.html');
  return tincan.end({ prettyPrint: true });
}
