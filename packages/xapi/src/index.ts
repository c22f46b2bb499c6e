/**
 * The SMART Training xAPI profile and its statement builders, shared by the
 * LRS (decisions it records) and the browser unit (what the learner does).
 */
export * from './vocabulary';
export * from './ids';
export * from './statements';
