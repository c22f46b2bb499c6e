/**
 * The lean unit bundle (dist/unit/smart-unit.js, IIFE) that the SCORM 1.2,
 * SCORM 2004 and xAPI packages' index.html loads: it registers the course
 * unit's elements and the CAT player, so `<smart-course-unit
 * src="course.json">` boots on its own. It has no cmi5 host, so it carries
 * no @xapi/cmi5; cmi5 packages load smart-unit-cmi5.js (unit-cmi5.ts).
 */
import { defineUnitElements } from '@smart-training/components';
import { defineCatPlayer } from './cat/define';

defineCatPlayer();
defineUnitElements();
