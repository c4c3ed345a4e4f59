'use client';
import { defineNs, useT } from '@/lib/i18n';
import recipesEn from '@/i18n/en/recipes.json';
import type { Nutrition } from '@/lib/api/types';
import { nutritionLabel } from '@/lib/nutrition';
import { cx } from './ui';

const NS = defineNs('recipes', recipesEn);

/** FDA-style "Nutrition Facts" panel for `servings` servings. */
export function NutritionLabel({ perServing, servings, recipeServings }: { perServing: Nutrition; servings: number; recipeServings: number }) {
  const { t, num } = useT(NS);
  const label = nutritionLabel(perServing, servings);
  return (
    <section aria-labelledby="nf-title" data-testid="nutrition-label" className="print-avoid w-full max-w-xs border-2 border-ink bg-card p-2 font-sans text-ink" style={{ fontFamily: 'Helvetica, Arial, system-ui, sans-serif' }}>
      <h2 id="nf-title" className="border-b border-ink pb-0.5 text-3xl font-black leading-none tracking-tight">
        {t('label.title')}
      </h2>
      <p className="mt-1 text-sm">{t('label.servingsPerRecipe', { count: num(recipeServings, 2) })}</p>
      <p className="border-b-8 border-ink pb-1 text-sm font-bold" data-testid="label-amount-for">
        {t('label.amountFor', { count: num(servings, 2) })}
      </p>
      <div className="flex items-end justify-between border-b-4 border-ink py-1">
        <span className="text-2xl font-black">{t('label.calories')}</span>
        <span className="tabular text-4xl font-black" data-testid="label-kcal">
          {num(label.kcal)}
        </span>
      </div>
      <p className="border-b border-ink py-0.5 text-end text-xs font-bold">{t('label.dv')}</p>
      <table className="w-full text-sm">
        <tbody>
          {label.rows.map((r) => (
            <tr key={r.key} className="border-b border-ink" data-testid={`label-${r.key}`}>
              <th scope="row" className={cx('py-0.5 text-start font-normal', r.indent && 'ps-4')}>
                <span className={r.indent ? '' : 'font-bold'}>{t(`label.${r.key}`)}</span>{' '}
                <span className="tabular" data-testid={`label-${r.key}-amount`}>
                  {r.amount === null ? t('label.unknownValue') : `${num(r.amount, 1)}${t(`units.${r.unit}`)}`}
                </span>
              </th>
              <td className="tabular py-0.5 text-end font-bold">{r.dv === null ? '' : `${num(r.dv)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-1 border-t-4 border-ink pt-1 text-[0.7rem] leading-snug">{t('label.footnote')}</p>
    </section>
  );
}
