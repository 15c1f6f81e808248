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

/** The back office: everyone but field officers. They see all cases; officers only their own. */
export const OFFICE_ROLES = ['clerk', 'team_lead', 'admin'] as const satisfies readonly Role[];
export function isOfficeRole(role: Role): boolean {
  return role !== 'officer';
}
