export { actorOf, SYSTEM_ACTOR, type Actor, type Audience, type Principal } from './principal.js';
export { hashPassword, verifyPassword } from './passwords.js';
export { FailureLimiter } from './rate-limit.js';
export { safeEqual, sha256 } from './tokens.js';
