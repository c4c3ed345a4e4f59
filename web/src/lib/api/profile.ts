import { api } from '../api';
import type { ActivityLevel, Allergen, Diet, Goal, Lang, Sex, Units } from './types';

export interface Profile {
  sex: Sex | null;
  birth_date: string | null;
  height_cm: number | null;
  weight_kg: number | null;
  activity_level: ActivityLevel | null;
  goal: Goal | null;
  diet: Diet | null;
  allergies: Allergen[];
  equipment: string[];
  units: Units;
  timezone: string;
  language: Lang;
  water_goal_ml: number;
  steps_goal: number;
}

export function getProfile(signal?: AbortSignal): Promise<Profile> {
  return api<Profile>('/profile', { signal });
}

/** Merge update: only the given fields change; null clears. */
export function updateProfile(patch: Partial<Profile>): Promise<Profile> {
  return api<Profile>('/profile', { method: 'PUT', body: patch });
}

export function deleteAccount(): Promise<void> {
  return api<void>('/account', { method: 'DELETE' });
}

/** The whole account as a JSON document; returned as a Blob ready to download. */
export async function exportAccount(): Promise<Blob> {
  const res = await api<Response>('/account/export', { raw: true });
  return res.blob();
}

/** Whole years between a YYYY-MM-DD birth date and today. */
export function ageFromBirthDate(birth: string | null, today = new Date()): number | null {
  if (!birth) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birth);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < mo || (today.getMonth() + 1 === mo && today.getDate() < d)) age--;
  return age;
}
