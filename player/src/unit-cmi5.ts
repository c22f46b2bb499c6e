/**
 * The unit bundle of cmi5 packages (dist/unit/smart-unit-cmi5.js, IIFE):
 * smart-unit.js plus the cmi5 host. The launcher is registered before the
 * elements are defined, because `<smart-course-unit>` connects to its host
 * as soon as it is upgraded.
 */
import { defineUnitElements } from '@smart-training/components';
import { cmi5Launcher, registerHostLauncher } from '@smart-training/runtime';
import { defineCatPlayer } from './cat/define';

registerHostLauncher(cmi5Launcher);
defineCatPlayer();
defineUnitElements();
