#include "DatabaseFileLostError.h"

namespace footfall {

DatabaseFileLostError::DatabaseFileLostError(const QString& message)
    : StorageError(message)
{}

} // namespace footfall
