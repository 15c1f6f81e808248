import { z } from 'zod';

export const ROLES = ['clerk', 'team_lead', 'officer', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const userSchema = z.object({
  id: z.string().min(1),
  username: z.string().min(1),
  displayName: z.string().min(1),
  role: roleSchema,
});
export type User = z.infer<typeof userSchema>;
