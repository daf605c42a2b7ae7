#include "DatabaseOpenError.h"

namespace footfall {

DatabaseOpenError::DatabaseOpenError(Reason reason, const QString& path, const QString& message)
    : std::runtime_error(message.toStdString())
    , m_reason(reason)
    , m_path(path)
    , m_message(message)
{}

} // namespace footfall
