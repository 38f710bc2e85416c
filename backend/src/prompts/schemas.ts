import { z } from 'zod';

/** Langfuse's reserved labels: `production` is the default fetch target, `latest` follows the newest version. */
export const PRODUCTION_LABEL = 'production';
export const LATEST_LABEL = 'latest';

const absentIfEmpty = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === '' ? undefined : v), schema);

/** Names may contain `/` (folders), but not at either end, not doubled, and no `|` (the composition separator). */
export const promptNameSchema = z
  .string()
  .min(1, 'Prompt name cannot be empty')
  .max(255, 'Prompt name cannot be longer than 255 characters')
  .refine((v) => !/<[^>]*>/.test(v), 'Text cannot contain HTML tags')
  .regex(/^[^|]*$/, "Prompt name cannot contain '|' character")
  .regex(/^[^/]/, 'Name cannot start with a slash')
  .regex(/^(?!.*\/\/)/, 'Name cannot contain consecutive slashes')
  .regex(/[^/]$/, 'Name cannot end with a slash')
  .transform((s) => s.trim())
  .refine((s) => s.length > 0, 'Name cannot be empty')
  .refine((s) => s !== 'new', { error: (issue) => `Prompt name cannot be '${String(issue.input)}'` });

export const promptLabelSchema = z
  .string()
  .min(1)
  .max(36)
  .regex(/^[a-z0-9_\-.]+$/, 'Label must be lowercase alphanumeric with optional underscores, hyphens, or periods');

const jsonObject = z.record(z.string(), z.unknown());

export const chatMessageSchema = z.union([
  z.object({ role: z.string(), content: z.string() }),
  z.object({
    type: z.literal('placeholder'),
    name: z
      .string()
      .regex(
        /^[a-zA-Z][a-zA-Z0-9_]*$/,
        'Placeholder name must start with a letter and contain only alphanumeric characters and underscores',
      ),
  }),
]);
export type ChatMessage = z.infer<typeof chatMessageSchema>;

const createBase = {
  name: promptNameSchema,
  labels: z.array(promptLabelSchema).default([]),
  config: jsonObject.nullish().transform((v) => v ?? {}),
  tags: z.array(z.string()).nullish(),
  commitMessage: z.string().max(500).nullish(),
};

export const createTextPromptSchema = z.object({
  ...createBase,
  type: z.literal('text').optional().transform(() => 'text' as const),
  prompt: z.string(),
});
export const createChatPromptSchema = z.object({
  ...createBase,
  type: z.literal('chat'),
  prompt: z.array(chatMessageSchema),
});

/** Body of `POST /api/public/v2/prompts`. */
export const createPromptSchema = z.union([createTextPromptSchema, createChatPromptSchema]);
export type CreatePromptInput = z.infer<typeof createPromptSchema>;

/** Body of the legacy `POST /api/public/prompts`: `isActive` puts the `production` label on the new version. */
export const legacyCreatePromptSchema = z.union([
  createTextPromptSchema.extend({ isActive: z.boolean() }),
  createChatPromptSchema.extend({ isActive: z.boolean() }),
]);

const optionalInt = absentIfEmpty(z.coerce.number().int().min(1).optional());
const optionalLabel = absentIfEmpty(z.string().optional());

export const getPromptQuery = z.object({
  version: optionalInt,
  label: optionalLabel,
  resolve: absentIfEmpty(
    z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .default(true),
  ),
});

export const legacyGetPromptQuery = z.object({ name: z.string().min(1), version: optionalInt });

export const deletePromptQuery = z.object({ version: optionalInt, label: optionalLabel });

const isoTimestamp = absentIfEmpty(z.iso.datetime({ offset: true }).optional());

export const listPromptsQuery = z.object({
  name: optionalLabel,
  label: optionalLabel,
  tag: optionalLabel,
  version: optionalInt,
  page: absentIfEmpty(z.coerce.number().int().min(1).default(1)),
  limit: absentIfEmpty(z.coerce.number().int().min(1).max(100).default(10)),
  fromUpdatedAt: isoTimestamp,
  toUpdatedAt: isoTimestamp,
});
export type ListPromptsFilter = z.infer<typeof listPromptsQuery>;

export const updateLabelsBody = z.object({
  newLabels: z
    .array(promptLabelSchema)
    .refine((labels) => !labels.includes(LATEST_LABEL), `The '${LATEST_LABEL}' label is reserved and managed automatically`),
});

export const versionParam = z.coerce.number().int().min(1);
