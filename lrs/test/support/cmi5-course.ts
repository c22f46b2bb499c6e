import { auActivityId, courseActivityId } from '@smart-training/xapi';

/** One AU of a hand-written cmi5.xml. */
export interface AuSpec {
  testId: string;
  moveOn: string;
  masteryScore?: number;
  url: string;
}

/** The SMART shape of a course: placement, one AU per material test, final (issue 4 contract 3). */
export function smartAus(base: string): AuSpec[] {
  const url = (testId: string) => `${base}index.html?smart-au=${encodeURIComponent(testId)}`;
  return [
    { testId: 'placement', moveOn: 'NotApplicable', masteryScore: 0.85, url: url('placement') },
    { testId: 'material:etika', moveOn: 'Passed', masteryScore: 0.7, url: url('material:etika') },
    { testId: 'material:integritas', moveOn: 'Passed', masteryScore: 0.7, url: url('material:integritas') },
    { testId: 'final', moveOn: 'Passed', masteryScore: 0.7, url: url('final') },
  ];
}

/** A cmi5.xml written by hand, as the packager writes it: one AU per test. */
export function cmi5Xml(courseId: string, aus: AuSpec[]): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const auXml = aus
    .map(
      (au) => `    <au id="${escape(auActivityId(courseId, au.testId))}" moveOn="${au.moveOn}"${
        au.masteryScore === undefined ? '' : ` masteryScore="${au.masteryScore}"`
      } launchMethod="AnyWindow">
      <title><langstring lang="id-ID">Tes ${escape(au.testId)}</langstring><langstring lang="en-US">Test ${escape(au.testId)}</langstring></title>
      <description><langstring lang="id-ID">Tes &amp; remedial</langstring></description>
      <url>${escape(au.url)}</url>
    </au>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${escape(courseActivityId(courseId))}">
    <title><langstring lang="id-ID">Etika ASN</langstring><langstring lang="en-US">Civil-service ethics</langstring></title>
    <description><langstring lang="id-ID">Pelatihan etika</langstring></description>
  </course>
${auXml}
</courseStructure>
`;
}
