#pragma once

#include "ServiceError.h"

namespace footfall {

// The database file was moved, replaced or deleted, or its -wal deleted, while it was open: writes
// are refused from then on (the endpoint answers 503), since nothing committed could be vouched for.
class DatabaseFileLostError : public StorageError
{
public:
    explicit DatabaseFileLostError(const QString& message);
};

} // namespace footfall
