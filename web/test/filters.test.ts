import { describe, expect, it } from 'vitest';
import { pageCount, pageWindow, recipeFiltersFromQuery, recipeFiltersToApi, recipeFiltersToQuery, workoutFiltersFromQuery, workoutFiltersToApi, workoutFiltersToQuery } from '@/lib/filters';

const q = (s: string) => new URLSearchParams(s);

describe('recipe filters <-> URL', () => {
  it('parses a full query', () => {
    expect(recipeFiltersFromQuery(q('q=lentil+soup&diet=vegan&exclude_allergens=soy,gluten&meal_type=lunch&cuisine=indian&max_kcal=600&min_protein_g=20&max_prep_minutes=30&sort=protein&page=3'))).toEqual({
      q: 'lentil soup',
      diet: 'vegan',
      exclude_allergens: ['gluten', 'soy'],
      meal_type: 'lunch',
      cuisine: 'indian',
      max_kcal: 600,
      min_protein_g: 20,
      max_prep_minutes: 30,
      sort: 'protein',
      page: 3,
    });
  });

  it('drops values the API would reject instead of producing a 422', () => {
    const f = recipeFiltersFromQuery(q("diet=paleo&exclude_allergens=soy,nuts';DROP&meal_type=brunch&max_kcal=-5&min_protein_g=abc&sort=random&page=0"));
    expect(f).toEqual({ q: undefined, diet: undefined, exclude_allergens: ['soy'], meal_type: undefined, cuisine: undefined, max_kcal: undefined, min_protein_g: undefined, max_prep_minutes: undefined, sort: undefined, page: 1 });
  });

  it('serialises canonically: defaults omitted, stable order, page 1 implicit', () => {
    expect(recipeFiltersToQuery({ exclude_allergens: [], page: 1 })).toBe('');
    expect(recipeFiltersToQuery({ q: '  oats ', exclude_allergens: ['dairy', 'egg'], page: 2, sort: 'kcal' })).toBe('q=oats&exclude_allergens=dairy%2Cegg&sort=kcal&page=2');
  });

  it('round-trips: query -> state -> query', () => {
    const s = 'q=chicken&diet=halal&exclude_allergens=peanut%2Csesame&meal_type=dinner&max_kcal=700&sort=prep&page=4';
    expect(recipeFiltersToQuery(recipeFiltersFromQuery(q(s)))).toBe(s);
  });

  it('builds the API query with page and limit', () => {
    expect(recipeFiltersToApi({ q: 'tofu', exclude_allergens: ['soy'], page: 2 })).toMatchObject({ q: 'tofu', exclude_allergens: ['soy'], page: 2, limit: 12 });
  });
});

describe('workout filters <-> URL', () => {
  it('parses, including bodyweight-only equipment, and orders min/max', () => {
    expect(workoutFiltersFromQuery(q('muscle=chest&equipment=none&level=beginner&goal=strength&min_minutes=40&max_minutes=20&page=2'))).toEqual({
      q: undefined,
      muscle: 'chest',
      equipment: 'none',
      level: 'beginner',
      goal: 'strength',
      min_minutes: 20,
      max_minutes: 40,
      page: 2,
    });
    expect(workoutFiltersFromQuery(q('level=godlike&goal=x')).level).toBeUndefined();
  });

  it('round-trips and feeds the API', () => {
    const s = 'q=legs&muscle=quadriceps&equipment=dumbbell&max_minutes=30&page=2';
    const f = workoutFiltersFromQuery(q(s));
    expect(workoutFiltersToQuery(f)).toBe(s);
    expect(workoutFiltersToApi(f)).toMatchObject({ muscle: 'quadriceps', equipment: 'dumbbell', max_minutes: 30, page: 2, limit: 12 });
  });
});

describe('pagination', () => {
  it('counts pages', () => {
    expect(pageCount(0, 12)).toBe(1);
    expect(pageCount(12, 12)).toBe(1);
    expect(pageCount(13, 12)).toBe(2);
  });

  it('shows first, last and a window with gaps', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(5, 10)).toEqual([1, null, 4, 5, 6, null, 10]);
    expect(pageWindow(10, 10)).toEqual([1, null, 9, 10]);
    expect(pageWindow(2, 10)).toEqual([1, 2, 3, null, 10]);
  });
});
