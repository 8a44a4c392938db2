import { z } from 'zod';
import { Email, Locale, StaffRole, Timestamp } from './common.js';
import { StaffUser } from './auth.js';

export const CreateUserRequest = z.strictObject({
  email: Email,
  name: z.string().trim().min(1).max(120),
  role: StaffRole,
  password: z.string().min(10, 'must be at least 10 characters').max(200),
  locale: Locale.default('en'),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const UserRecord = StaffUser.extend({ active: z.boolean(), createdAt: Timestamp });
export type UserRecord = z.infer<typeof UserRecord>;

/** Who is who, readable by every staff member (names for ids in lists, account-manager pickers). */
export const StaffDirectoryEntry = z.object({ id: z.string(), name: z.string(), role: StaffRole, active: z.boolean() });
export type StaffDirectoryEntry = z.infer<typeof StaffDirectoryEntry>;

export const CreateApiKeyRequest = z.strictObject({
  name: z.string().trim().min(1).max(120),
  role: StaffRole,
});
export const ApiKeyRecord = z.object({
  id: z.string(),
  name: z.string(),
  role: StaffRole,
  prefix: z.string(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});
export type ApiKeyRecord = z.infer<typeof ApiKeyRecord>;
/** Returned once at creation; the token is never shown again. */
export const CreatedApiKey = ApiKeyRecord.extend({ token: z.string() });

export const OUTBOX_STATUSES = ['pending', 'done', 'failed'] as const;
export const OutboxStatus = z.enum(OUTBOX_STATUSES);
export const OutboxEvent = z.object({
  id: z.string(),
  type: z.string(),
  aggregateType: z.string(),
  aggregateId: z.string(),
  payload: z.record(z.string(), z.unknown()),
  status: OutboxStatus,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  availableAt: Timestamp,
  createdAt: Timestamp,
  processedAt: Timestamp.nullable(),
});
export type OutboxEvent = z.infer<typeof OutboxEvent>;
export const OutboxQuery = z.strictObject({
  status: OutboxStatus.optional(),
  type: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const AuditEntry = z.object({
  id: z.string(),
  at: Timestamp,
  actorType: z.enum(['user', 'api_key', 'portal', 'system']),
  actorId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditQuery = z.strictObject({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
