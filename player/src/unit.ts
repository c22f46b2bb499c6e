/**
 * The unit bundle (dist/unit/smart-unit.js, IIFE) that every package's
 * index.html loads: it registers the course unit's elements and the CAT
 * player, so `<smart-course-unit src="course.json">` boots on its own.
 */
import { defineUnitElements } from '@smart-training/components';
import { defineCatPlayer } from './cat/define';

defineCatPlayer();
defineUnitElements();
