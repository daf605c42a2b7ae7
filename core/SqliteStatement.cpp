#include "SqliteStatement.h"

#include "ServiceError.h"

#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

namespace footfall {

sqlite3* SqliteStatement::handleOf(const QSqlDatabase& connection)
{
    const QVariant handle = connection.driver() ? connection.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        throw StorageError(QStringLiteral("The connection %1 is not an open SQLite connection")
                               .arg(connection.connectionName()));
    sqlite3* const db = *static_cast<sqlite3* const*>(handle.constData());
    if (!db)
        throw StorageError(QStringLiteral("The connection %1 is not open").arg(connection.connectionName()));
    return db;
}

SqliteStatement::SqliteStatement(const QSqlDatabase& connection, const QString& sql)
    : m_db(handleOf(connection))
    , m_sql(sql)
{
    if (sqlite3_prepare16_v3(m_db, sql.utf16(), int(sql.size() * sizeof(char16_t)), SQLITE_PREPARE_PERSISTENT,
                             &m_statement, nullptr) != SQLITE_OK) {
        fail("prepare");
    }
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

void SqliteStatement::fail(const char* what)
{
    const QString message = QString::fromUtf8(sqlite3_errmsg(m_db));
    const StorageError::Kind kind = StorageError::kindOf(sqlite3_extended_errcode(m_db));
    if (m_statement)
        finish();
    throw StorageError(
        QStringLiteral("SQLite could not %1 \"%2\": %3").arg(QLatin1String(what), m_sql, message), kind);
}

int SqliteStatement::nextIndex()
{
    if (m_reading)
        finish();
    return m_nextIndex++;
}

SqliteStatement& SqliteStatement::add(qint64 value)
{
    if (sqlite3_bind_int64(m_statement, nextIndex(), value) != SQLITE_OK)
        fail("bind a value for");
    return *this;
}

SqliteStatement& SqliteStatement::add(double value)
{
    if (sqlite3_bind_double(m_statement, nextIndex(), value) != SQLITE_OK)
        fail("bind a value for");
    return *this;
}

SqliteStatement& SqliteStatement::add(QStringView text)
{
    // ASCII (nearly every ID and type) goes in as the UTF-8 it already is, sparing SQLite a
    // conversion per value; anything else as UTF-16, which SQLite converts exactly as Qt's own
    // driver has it do (a lone surrogate included).
    m_ascii.resize(text.size());
    char* out = m_ascii.data();
    for (const QChar c : text) {
        if (c.unicode() >= 0x80) {
            static const char16_t empty = 0;
            if (sqlite3_bind_text16(m_statement, nextIndex(), text.isNull() ? &empty : text.utf16(),
                                    int(text.size() * sizeof(char16_t)), SQLITE_TRANSIENT) != SQLITE_OK) {
                fail("bind a value for");
            }
            return *this;
        }
        *out++ = char(c.unicode());
    }
    if (sqlite3_bind_text(m_statement, nextIndex(), m_ascii.constData(), int(text.size()),
                          SQLITE_TRANSIENT) != SQLITE_OK) {
        fail("bind a value for");
    }
    return *this;
}

SqliteStatement& SqliteStatement::addNullable(QStringView text)
{
    return text.isEmpty() ? addNull() : add(text);
}

SqliteStatement& SqliteStatement::addNullableUtf8(QByteArrayView utf8)
{
    if (utf8.isEmpty())
        return addNull();
    if (sqlite3_bind_text(m_statement, nextIndex(), utf8.data(), int(utf8.size()), SQLITE_TRANSIENT) !=
        SQLITE_OK)
        fail("bind a value for");
    return *this;
}

SqliteStatement& SqliteStatement::addNull()
{
    if (sqlite3_bind_null(m_statement, nextIndex()) != SQLITE_OK)
        fail("bind a value for");
    return *this;
}

void SqliteStatement::checkValueCount()
{
    // No value added: run again with the values of the last run.
    const int given = m_nextIndex - 1;
    const int expected = sqlite3_bind_parameter_count(m_statement);
    if (given != 0 && given != expected) {
        finish();
        throw StorageError(QStringLiteral("SQLite statement \"%1\" takes %2 values, %3 were given")
                               .arg(m_sql)
                               .arg(expected)
                               .arg(given));
    }
}

int SqliteStatement::run()
{
    if (m_reading)
        finish();
    checkValueCount();
    const int result = sqlite3_step(m_statement);
    if (result != SQLITE_DONE && result != SQLITE_ROW)
        fail("run");
    const int changed = sqlite3_changes(m_db);
    finish();
    return changed;
}

bool SqliteStatement::next()
{
    if (!m_reading)
        checkValueCount();
    const int result = sqlite3_step(m_statement);
    if (result == SQLITE_ROW) {
        m_reading = true;
        return true;
    }
    if (result != SQLITE_DONE)
        fail("read the rows of");
    finish();
    return false;
}

void SqliteStatement::finish()
{
    // Keeps the bound values; the next add() starts a new set.
    sqlite3_reset(m_statement);
    m_reading = false;
    m_nextIndex = 1;
}

qint64 SqliteStatement::int64At(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

double SqliteStatement::doubleAt(int column) const
{
    return sqlite3_column_double(m_statement, column);
}

QString SqliteStatement::textAt(int column) const
{
    const auto* text = static_cast<const char16_t*>(sqlite3_column_text16(m_statement, column));
    if (!text)
        return {};
    return QString(reinterpret_cast<const QChar*>(text),
                   sqlite3_column_bytes16(m_statement, column) / int(sizeof(char16_t)));
}

bool SqliteStatement::isNullAt(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

qint64 SqliteStatement::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

} // namespace footfall
