// A Postgres array literal ({a,b,c}) sent as one parameter and cast in SQL (::text[], ::uuid[]…),
// because the driver does not bind a JS array to an array parameter. Values must not need quoting.
export const textArray = (values: readonly string[]) => `{${values.join(',')}}`;
