// A labelled <select> for the GET filter forms of the public pages (id `filter-<name>`).
export interface FilterOption {
  value: string;
  label: string;
}

export function FilterSelect({
  name,
  label,
  value,
  options,
  emptyLabel,
}: {
  name: string;
  label: string;
  value: string;
  options: FilterOption[];
  emptyLabel?: string;
}) {
  const id = `filter-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        {emptyLabel ? <option value="">{emptyLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
