/**
 * Registers the course unit's elements. The element modules themselves
 * register nothing, so a page may import the classes and pick its own tags.
 */
import { defineUnitElements } from './unit/define-elements';

defineUnitElements();
