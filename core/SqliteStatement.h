#pragma once

#include <QByteArrayView>
#include <QSqlDatabase>
#include <QString>
#include <QStringView>
#include <QVarLengthArray>

struct sqlite3;
struct sqlite3_stmt;

namespace footfall {

// A statement prepared straight on the SQLite handle behind a Qt SQL connection, for the few
// statements that run once per stored event (PutEvents, bulk import). QSqlQuery builds a QVariant
// and a placeholder name for every bound value, which cost more than the insert itself there.
// Values are added in placeholder order, as with QSqlQuery::addBindValue; run() or next() uses
// them and the next add starts a new set. Use it on the connection's own thread, like the
// connection. Throws StorageError when SQLite refuses the statement or a step.
class SqliteStatement
{
public:
    SqliteStatement(const QSqlDatabase& connection, const QString& sql);
    ~SqliteStatement();
    Q_DISABLE_COPY_MOVE(SqliteStatement)

    SqliteStatement& add(qint64 value);
    SqliteStatement& add(int value) { return add(qint64(value)); }
    SqliteStatement& add(double value);
    SqliteStatement& add(QStringView text);         // a null QString binds '' (use addNullable for NULL)
    SqliteStatement& addNullable(QStringView text); // empty binds NULL
    SqliteStatement& addNullableUtf8(QByteArrayView utf8); // text already in UTF-8; empty binds NULL
    SqliteStatement& addNull();

    // Runs a statement that returns no rows; returns the rows it changed.
    int run();
    // Steps a query: true while there is a row to read; after false the statement is reset.
    bool next();
    // Ends reading a query early. The bound values stay until the next add().
    void finish();
    qint64 int64At(int column) const;
    double doubleAt(int column) const;
    QString textAt(int column) const;
    bool isNullAt(int column) const;

    qint64 lastInsertId() const;

    // The SQLite handle of a connection opened by Qt's QSQLITE driver.
    static sqlite3* handleOf(const QSqlDatabase& connection);

private:
    int nextIndex();
    void checkValueCount();
    [[noreturn]] void fail(const char* what);

    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_statement = nullptr;
    QString m_sql;
    QVarLengthArray<char, 512> m_ascii;
    int m_nextIndex = 1;
    bool m_reading = false;
};

} // namespace footfall
