#pragma once

struct sqlite3;

namespace footfall {

// DecimalSum as SQL functions, registered on every connection Database opens, for the windows of
// attribution and event metrics (SQLite's SUM and + add doubles, and 3.40 has no compensated sum):
//   footfall_sum(X)     an aggregate like TOTAL(X): NULLs skipped, 0.0 for none, always a REAL;
//   footfall_add(X, Y)  X + Y as decimals, for the upserts that add an event to a window; NULL
//                       when either is NULL.
// Text is read as CAST(X AS REAL) reads it.
namespace DecimalSqlFunctions {

// Throws StorageError when SQLite refuses a registration.
void registerOn(sqlite3* handle);

} // namespace DecimalSqlFunctions

} // namespace footfall
