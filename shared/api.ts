/**
 * The API's routes in one place: the miniapp's client and the tests call these, the handlers
 * implement them, and serverless.yml maps them (a unit test keeps the two in step).
 */
export * from './schemas/common';
export * from './schemas/auth';
export * from './schemas/member';
export * from './schemas/stores';
export * from './schemas/staff';
export * from './schemas/staff-admin';
export * from './schemas/coupons';
export * from './schemas/booking';
export * from './schemas/pushes';
export * from './schemas/audit';
