import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auActivityId, courseActivityId } from '@smart-training/xapi';
import { parseCourseStructure } from '../src/index';
import { validateManifest } from '../../test/support/schema-validator';
import { cmi5Xml, smartAus } from './support/cmi5-course';

const XML = cmi5Xml('etika-2026', smartAus('https://lms.example.go.id/etika/'));

function problemOf(xml: string): string {
  try {
    parseCourseStructure(xml);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the course structure was accepted');
}

describe('parseCourseStructure', () => {
  it('reads the course and its AUs from a cmi5.xml that validates against the official schema', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cmi5-xml-')), 'cmi5.xml');
    fs.writeFileSync(file, XML);
    const validation = await validateManifest('cmi5', file);
    expect(validation.valid, validation.output).toBe(true);

    const course = parseCourseStructure(XML);
    expect(course.id).toBe(courseActivityId('etika-2026'));
    expect(course.title).toEqual({ 'id-ID': 'Etika ASN', 'en-US': 'Civil-service ethics' });
    expect(course.aus.map((au) => [au.id, au.moveOn, au.masteryScore])).toEqual([
      [auActivityId('etika-2026', 'placement'), 'NotApplicable', 0.85],
      [auActivityId('etika-2026', 'material:etika'), 'Passed', 0.7],
      [auActivityId('etika-2026', 'material:integritas'), 'Passed', 0.7],
      [auActivityId('etika-2026', 'final'), 'Passed', 0.7],
    ]);
    expect(course.aus[1]?.url).toBe('https://lms.example.go.id/etika/index.html?smart-au=material%3Aetika');
    expect(course.aus[1]?.launchMethod).toBe('AnyWindow');
    expect(course.blocks).toEqual([]);
  });

  it('takes the defaults of cmi5 13.1.4 and decodes the predefined entities only', () => {
    const xml = `<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
      <course id="https://example.com/c"><title><langstring lang="en-US">A &amp; B &#x41;</langstring></title>
        <description><langstring lang="en-US">d</langstring></description></course>
      <block id="https://example.com/b"><title><langstring>Block</langstring></title><description><langstring>d</langstring></description>
        <au id="https://example.com/au1"><title><langstring>one</langstring></title><description><langstring>d</langstring></description>
          <url> https://example.com/a.html?x=1&amp;y=2 </url></au>
      </block>
      <au id="https://example.com/au2"><title><langstring>two</langstring></title><description><langstring>d</langstring></description>
        <url>https://example.com/b.html</url></au>
    </courseStructure>`;
    const course = parseCourseStructure(xml);
    expect(course.title).toEqual({ 'en-US': 'A & B A' });
    expect(course.aus.map((au) => [au.moveOn, au.launchMethod, au.masteryScore])).toEqual([
      ['NotApplicable', 'AnyWindow', undefined],
      ['NotApplicable', 'AnyWindow', undefined],
    ]);
    expect(course.aus[0]?.url).toBe('https://example.com/a.html?x=1&y=2');
    expect(course.blocks).toEqual([{ id: 'https://example.com/b', title: { und: 'Block' }, auIds: ['https://example.com/au1'] }]);
  });

  it('refuses a DOCTYPE, so no entity can be declared', () => {
    expect(problemOf(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${XML}`)).toMatch(
      /DOCTYPE/,
    );
  });

  it.each([
    ['an unknown moveOn', XML.replace('moveOn="Passed"', 'moveOn="Sometimes"'), /moveOn="Sometimes"/],
    ['a mastery score above 1', XML.replace('masteryScore="0.7"', 'masteryScore="70"'), /masteryScore="70"/],
    ['an AU without url', XML.replace(/<url>[^<]*<\/url>/, ''), /has no <url>/],
    ['an AU id used twice', XML.replace(/material%3Aintegritas|material\/integritas/g, (m) => m.replace('integritas', 'etika')), /used twice/],
    ['an AU url using a launch parameter name', XML.replace('smart-au=final', 'fetch=1'), /"fetch"/],
    ['no course', XML.replace(/<course [\s\S]*<\/course>/, ''), /exactly one <course>/],
    ['a course without title', XML.replace(/<title><langstring lang="id-ID">Etika ASN[^]*?<\/title>/, ''), /course has no <title>/],
    ['another root', '<manifest/>', /root element must be <courseStructure>/],
    ['broken XML', '<courseStructure><course>', /not well-formed XML: .* \(line 1\)/],
  ])('refuses %s, naming what to fix', (_name, xml, message) => {
    expect(problemOf(xml)).toMatch(message);
  });
});
