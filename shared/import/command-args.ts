// The arguments of cases.import: one part of a checked file, households already grouped and every cell
// read. The centre parses them with this schema and runs the same body, so a forged part is refused there
// field by field just as intake refuses a forged form.
import { z } from 'zod';
import { CaseCategory, CaseKind, IsoDate, Relation } from '../domain';
import { IntakeMember, MAX_HOUSEHOLD_MEMBERS, NewHousehold } from '../intake';

/** Households in one cases.import command: a part stays well under the centre's body limit. */
export const HOUSEHOLDS_PER_PART = 400;

const Row = z.number().int().positive().max(1_100_000);

export const ImportedHouseholdArgs = z
  .object({
    row: Row,
    communityCode: z.string().regex(/^\d{12}$/),
    category: CaseCategory,
    kind: CaseKind,
    appliedOn: IsoDate,
    declaredIncomeFen: z.number().int().nonnegative().max(10_000_000_000),
    phone: NewHousehold.shape.phone,
    address: NewHousehold.shape.address,
    members: z
      .array(z.object({ row: Row, name: IntakeMember.shape.name, citizenId: IntakeMember.shape.citizenId, relation: Relation }).strict())
      .min(1)
      .max(MAX_HOUSEHOLD_MEMBERS),
  })
  .strict();

export const importCommandArgs = z
  .object({
    /** The street every household must be in: the access rule is decided on it. */
    streetCode: z.string().regex(/^\d{9}$/),
    fileName: z.string().min(1).max(255),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    part: z.number().int().positive(),
    parts: z.number().int().positive(),
    households: z.array(ImportedHouseholdArgs).min(1).max(HOUSEHOLDS_PER_PART),
  })
  .strict();
export type ImportCommandArgs = z.output<typeof importCommandArgs>;

export const ImportPartResult = z.object({
  added: z.object({ households: z.number().int(), members: z.number().int(), cases: z.number().int() }),
  unchanged: z.number().int(),
});
export type ImportPartResult = z.infer<typeof ImportPartResult>;
