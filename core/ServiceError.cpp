#include "ServiceError.h"

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

StorageError::StorageError(const QString& message)
    : std::runtime_error(message.toStdString())
    , m_message(message)
{}

} // namespace footfall
