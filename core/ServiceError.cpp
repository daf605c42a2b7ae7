#include "ServiceError.h"

#include <QSqlError>

namespace footfall {

ServiceError::ServiceError(ErrorCode code, const QString& message, const QString& parameter)
    : std::runtime_error(message.toStdString())
    , m_code(code)
    , m_message(message)
    , m_parameter(parameter)
{}

QString ServiceError::typeNameOf(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidInput:
        return QStringLiteral("InvalidInputException");
    case ErrorCode::ResourceNotFound:
        return QStringLiteral("ResourceNotFoundException");
    case ErrorCode::ResourceAlreadyExists:
        return QStringLiteral("ResourceAlreadyExistsException");
    case ErrorCode::ResourceInUse:
        return QStringLiteral("ResourceInUseException");
    case ErrorCode::LimitExceeded:
        return QStringLiteral("LimitExceededException");
    case ErrorCode::InvalidNextToken:
        return QStringLiteral("InvalidNextTokenException");
    }
    return QStringLiteral("InvalidInputException");
}

StorageError::StorageError(const QString& message, Kind kind)
    : std::runtime_error(message.toStdString())
    , m_message(message)
    , m_kind(kind)
{}

StorageError::Kind StorageError::kindOf(int sqliteCode)
{
    constexpr int kBusy = 5;
    constexpr int kLocked = 6;
    constexpr int kFull = 13;
    switch (sqliteCode & 0xff) {
    case kBusy:
    case kLocked:
        return Kind::Busy;
    case kFull:
        return Kind::DiskFull;
    default:
        return Kind::Other;
    }
}

StorageError::Kind StorageError::kindOf(const QSqlError& error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? kindOf(code) : Kind::Other;
}

} // namespace footfall
