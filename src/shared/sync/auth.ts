import { z } from 'zod';
import { userSchema } from '../domain/user';

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/**
 * What login and refresh both answer. `expiresAt` is the access token's end (minutes away);
 * `refreshExpiresAt` the refresh token's, after which only a new login helps.
 */
export const loginResponseSchema = z.object({
  accessToken: z.string().min(20),
  expiresAt: z.iso.datetime({ offset: true }),
  refreshToken: z.string().min(40),
  refreshExpiresAt: z.iso.datetime({ offset: true }),
  user: userSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const refreshRequestSchema = z.object({
  refreshToken: z.string().min(1).max(512),
});
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

/** Every error the server answers with has this shape. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
