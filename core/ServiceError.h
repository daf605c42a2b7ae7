#pragma once

#include <QString>

#include <stdexcept>

class QSqlError;

namespace footfall {

// The AWS exception types Footfall answers with; names and meanings as in the botocore models.
enum class ErrorCode
{
    InvalidInput,
    ResourceNotFound,
    ResourceAlreadyExists,
    ResourceInUse,
    LimitExceeded,
    InvalidNextToken,
};

// A service error as AWS reports it: an exception type and a message. Thrown by core services,
// caught at the edges (command line, console, endpoint) and shown there.
class ServiceError : public std::runtime_error
{
public:
    // `parameter` names the input member the error is about (e.g. "name"), when there is one.
    ServiceError(ErrorCode code, const QString& message, const QString& parameter = {});

    ErrorCode code() const { return m_code; }
    QString message() const { return m_message; }
    QString parameter() const { return m_parameter; }
    QString typeName() const { return typeNameOf(m_code); }

    static QString typeNameOf(ErrorCode code);

    static ServiceError invalidInput(const QString& message, const QString& parameter = {})
    {
        return {ErrorCode::InvalidInput, message, parameter};
    }
    static ServiceError notFound(const QString& message, const QString& parameter = {})
    {
        return {ErrorCode::ResourceNotFound, message, parameter};
    }

private:
    ErrorCode m_code;
    QString m_message;
    QString m_parameter;
};

// A failure of the storage itself (I/O, SQL), not of the caller's input.
class StorageError : public std::runtime_error
{
public:
    // What went wrong, as far as the caller can act on it: another writer held the lock past the
    // wait (try again later), the disk (or the database's page limit) is full, or anything else.
    enum class Kind
    {
        Busy,
        DiskFull,
        FileLost, // DatabaseFileLostError: the file was moved, replaced or deleted underneath
        Other
    };

    explicit StorageError(const QString& message, Kind kind = Kind::Other);
    QString message() const { return m_message; }
    Kind kind() const { return m_kind; }

    // The kind an SQLite result code names, primary or extended (SQLITE_BUSY, SQLITE_LOCKED: Busy;
    // SQLITE_FULL: DiskFull).
    static Kind kindOf(int sqliteCode);
    // The same from Qt's error of a failed statement (its nativeErrorCode is SQLite's code).
    static Kind kindOf(const QSqlError& error);

private:
    QString m_message;
    Kind m_kind;
};

// Runs `work` and returns what went wrong, worded for a person: a ServiceError's message, or the
// text of any other exception (Footfall's own carry UTF-8); empty when it succeeded. For work
// handed to a worker thread, whose exceptions must not escape it.
template <typename Work> QString failureOf(Work&& work)
{
    try {
        work();
        return {};
    } catch (const ServiceError& error) {
        return error.message();
    } catch (const std::exception& error) {
        return QString::fromUtf8(error.what());
    }
}

} // namespace footfall
