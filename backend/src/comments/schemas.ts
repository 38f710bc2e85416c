import { z } from 'zod';
import { optionalString, pagination } from '../api/routes/params.js';

export const COMMENT_OBJECT_TYPES = ['TRACE', 'OBSERVATION', 'SESSION', 'PROMPT'] as const;
const objectType = z.enum(COMMENT_OBJECT_TYPES);

export const createCommentBody = z.object({
  projectId: z.string().min(1),
  objectType,
  objectId: z.string().min(1),
  content: z.string().min(1).max(5000),
  authorUserId: z.string().nullish(),
});
export type CreateCommentBody = z.infer<typeof createCommentBody>;

export const listCommentsQuery = z.object({
  ...pagination(100),
  objectType: z.preprocess((v) => (v === '' ? undefined : v), objectType.optional()),
  objectId: optionalString,
  authorUserId: optionalString,
});
export type ListCommentsQuery = z.infer<typeof listCommentsQuery>;

export const comment = z.object({
  id: z.string(),
  projectId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  objectType,
  objectId: z.string(),
  content: z.string(),
  authorUserId: z.string().nullable(),
});
export type Comment = z.infer<typeof comment>;
