#include "DecimalSqlFunctions.h"

#include "DecimalSum.h"
#include "ServiceError.h"

#include <QString>

#include <new>
#include <sqlite3.h>

namespace footfall::DecimalSqlFunctions {

namespace {

// SQLite's aggregate memory is zeroed and 8-byte aligned, too little for the sum's 128-bit
// integer: it holds a pointer to the sum, which xFinal (called for every group begun, also when
// a statement is reset) deletes.
struct Accumulator
{
    DecimalSum* sum;
};

void sumStep(sqlite3_context* context, int, sqlite3_value** arguments)
{
    auto* accumulator = static_cast<Accumulator*>(sqlite3_aggregate_context(context, sizeof(Accumulator)));
    if (!accumulator) {
        sqlite3_result_error_nomem(context);
        return;
    }
    if (!accumulator->sum) {
        accumulator->sum = new (std::nothrow) DecimalSum;
        if (!accumulator->sum) {
            sqlite3_result_error_nomem(context);
            return;
        }
    }
    if (sqlite3_value_type(arguments[0]) != SQLITE_NULL)
        accumulator->sum->add(sqlite3_value_double(arguments[0]));
}

void sumFinal(sqlite3_context* context)
{
    auto* accumulator = static_cast<Accumulator*>(sqlite3_aggregate_context(context, 0));
    DecimalSum* sum = accumulator ? accumulator->sum : nullptr;
    sqlite3_result_double(context, sum ? sum->value() : 0.0);
    delete sum;
    if (accumulator)
        accumulator->sum = nullptr;
}

void add(sqlite3_context* context, int, sqlite3_value** arguments)
{
    if (sqlite3_value_type(arguments[0]) == SQLITE_NULL || sqlite3_value_type(arguments[1]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    DecimalSum sum;
    sum.add(sqlite3_value_double(arguments[0]));
    sum.add(sqlite3_value_double(arguments[1]));
    sqlite3_result_double(context, sum.value());
}

void check(sqlite3* handle, int result, const char* name)
{
    if (result != SQLITE_OK)
        throw StorageError(QStringLiteral("Cannot register the SQL function %1: %2")
                               .arg(QLatin1String(name), QString::fromUtf8(sqlite3_errmsg(handle))));
}

} // namespace

void registerOn(sqlite3* handle)
{
    constexpr int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    check(handle,
          sqlite3_create_function_v2(handle, "footfall_sum", 1, flags, nullptr, nullptr, sumStep, sumFinal,
                                     nullptr),
          "footfall_sum");
    check(
        handle,
        sqlite3_create_function_v2(handle, "footfall_add", 2, flags, nullptr, add, nullptr, nullptr, nullptr),
        "footfall_add");
}

} // namespace footfall::DecimalSqlFunctions
