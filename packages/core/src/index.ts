/**
 * The SMART Training domain: course model, rules, scoring, form assembly.
 * Pure functions only; runs unchanged in the browser and in Node.
 */
export * from './model';
