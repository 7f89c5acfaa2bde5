import * as v from 'valibot';
import { CustomAttributes, Email, Id, IsoDate, IsoTimestamp, LanguageTag, OptionalText, Phone, SocialProfiles, Tags, Text, Url } from './common';

const customerFields = {
  name: Text(200),
  username: OptionalText(100),
  avatarUrl: v.nullable(Url),
  emails: v.pipe(v.array(Email), v.maxLength(20)),
  phones: v.pipe(v.array(Phone), v.maxLength(20)),
  urls: v.pipe(v.array(Url), v.maxLength(20)),
  location: OptionalText(200),
  timezone: OptionalText(64),
  birthday: v.nullable(IsoDate),
  gender: OptionalText(32),
  tags: Tags,
  defaultLanguage: v.nullable(LanguageTag),
  companyId: v.nullable(Id),
  companyExternalId: OptionalText(128),
  signedUpAt: v.nullable(IsoTimestamp),
  socials: SocialProfiles,
  facebookId: OptionalText(64),
  custom: CustomAttributes,
};

/** POST /customers: only the name is required. */
export const CustomerCreate = v.strictObject({
  name: customerFields.name,
  username: v.optional(customerFields.username, null),
  avatarUrl: v.optional(customerFields.avatarUrl, null),
  emails: v.optional(customerFields.emails, []),
  phones: v.optional(customerFields.phones, []),
  urls: v.optional(customerFields.urls, []),
  location: v.optional(customerFields.location, null),
  timezone: v.optional(customerFields.timezone, null),
  birthday: v.optional(customerFields.birthday, null),
  gender: v.optional(customerFields.gender, null),
  tags: v.optional(customerFields.tags, []),
  defaultLanguage: v.optional(customerFields.defaultLanguage, null),
  companyId: v.optional(customerFields.companyId, null),
  companyExternalId: v.optional(customerFields.companyExternalId, null),
  signedUpAt: v.optional(customerFields.signedUpAt, null),
  socials: v.optional(customerFields.socials, {}),
  facebookId: v.optional(customerFields.facebookId, null),
  custom: v.optional(customerFields.custom, {}),
});

/** PATCH /customers/:id: any subset; `custom` merges (null removes an attribute). */
export const CustomerPatch = v.partial(v.strictObject(customerFields));

export const MergeRequest = v.strictObject({
  /** The object that survives; the one in the path is merged into it. */
  targetId: Id,
});

export type CustomerCreateInput = v.InferOutput<typeof CustomerCreate>;
export type CustomerPatchInput = v.InferOutput<typeof CustomerPatch>;
