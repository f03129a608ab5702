import "./globals.css";
import type { ReactNode } from "react";
import { getMessages } from "@/lib/server/http/locale";

export async function generateMetadata() {
  const { t } = await getMessages();
  return {
    title: t.appName,
    manifest: "/manifest.webmanifest", // installable (issue 12)
    icons: {
      icon: [
        { url: "/favicon.ico", sizes: "any" },
        { url: "/icon.svg", type: "image/svg+xml" },
      ],
      apple: "/apple-touch-icon.png",
    },
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale } = await getMessages();
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
