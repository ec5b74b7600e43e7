export function Pagination({ page, pageSize, total, hrefFor }: { page: number; pageSize: number; total: number; hrefFor: (page: number) => string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600";
  const disabled = "rounded-md border border-slate-200 bg-slate-50 px-3 py-1.5 text-sm text-slate-500";
  return (
    <nav className="flex items-center justify-between gap-4 text-sm text-slate-600" aria-label="Pagination">
      <p>
        {total === 0 ? "No results" : <>Showing <strong className="font-medium text-slate-900">{from.toLocaleString("en")}–{to.toLocaleString("en")}</strong> of <strong className="font-medium text-slate-900">{total.toLocaleString("en")}</strong></>}
      </p>
      <div className="flex items-center gap-2">
        {page > 1 ? <a className={link} href={hrefFor(page - 1)} rel="prev">← Previous</a> : <span className={disabled} aria-disabled="true">← Previous</span>}
        <span>
          Page {page} of {pages.toLocaleString("en")}
        </span>
        {page < pages ? <a className={link} href={hrefFor(page + 1)} rel="next">Next →</a> : <span className={disabled} aria-disabled="true">Next →</span>}
      </div>
    </nav>
  );
}
