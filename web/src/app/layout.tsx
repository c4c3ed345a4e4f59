import './globals.css';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/Providers';

// The tab icon (public/icon.svg, also served as /icon.svg) as a data: URL (img-src allows
// data:), so no page load spends a request on it. In the page's metadata, not patched into the
// HTML afterwards: React renders the <head> links again from the RSC payload when it hydrates.
// Read when the export is built (and by the tests), both from web/.
const ICON_SVG = readFileSync(join(process.cwd(), 'public', 'icon.svg'), 'utf8').trim();

export const metadata: Metadata = {
  title: { default: 'Trae Health', template: '%s · Trae Health' },
  description: 'Nutrition, meal plans, workouts and health tracking.',
  icons: { icon: [{ url: `data:image/svg+xml,${encodeURIComponent(ICON_SVG)}`, type: 'image/svg+xml', sizes: 'any' }] },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#161d1a' },
  ],
};

/**
 * Runs while the HTML is parsed, before first paint: applies the stored language (lang/dir)
 * and marks signed-in visitors so the right variant of a page shows without a flash.
 * It is a fixed string, so its CSP sha256 hash is the same on every page and every build.
 */
const BOOT =
  '(function(){try{var d=document.documentElement,s=localStorage;if(s.getItem("th.lang")==="ar"){d.lang="ar";d.dir="rtl";d.classList.add("lang-pending")}if(s.getItem("th.refresh"))d.classList.add("authed")}catch(e){}})()';

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" dir="ltr" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: BOOT }} />
      </head>
      <body className="bg-bg font-sans text-ink antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
