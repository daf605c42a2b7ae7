#pragma once

#include "DatasetType.h"

#include <QList>
#include <QString>

namespace footfall {

// A ready-made Avro schema for a common dataset shape, shipped in resources/schemas.
struct SchemaTemplate
{
    QString id;
    QString title;
    QString description;
    DatasetType type = DatasetType::Interactions;
    QString definition;

    static QList<SchemaTemplate> all();
};

} // namespace footfall
