#pragma once

#include <QString>

#include <stdexcept>

namespace footfall {

// Why a database file could not be opened. In every case the file was left as it was.
class DatabaseOpenError : public std::runtime_error
{
public:
    enum class Reason
    {
        NotSqlite,
        ForeignDatabase,
        Corrupt,
        NewerVersion,
        ReadOnly,
        Locked,
        CannotCreate
    };

    DatabaseOpenError(Reason reason, const QString& path, const QString& message);

    Reason reason() const { return m_reason; }
    QString path() const { return m_path; }
    QString message() const { return m_message; }

private:
    Reason m_reason;
    QString m_path;
    QString m_message;
};

} // namespace footfall
