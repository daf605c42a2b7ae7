#include "DatabaseFileLostError.h"

namespace footfall {

DatabaseFileLostError::DatabaseFileLostError(const QString& message)
    : StorageError(message, Kind::FileLost)
{}

} // namespace footfall
