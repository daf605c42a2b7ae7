#pragma once

#include <QJsonObject>
#include <QString>

namespace footfall {

// A stored schema resource (AWS's DatasetSchema): immutable once created.
struct DatasetSchema
{
    qint64 id = 0;
    QString name;
    QString arn;
    QString domain;
    QString definition; // the Avro JSON text, exactly as given
    qint64 createdMs = 0;

    QJsonObject toJson() const;
    QJsonObject toSummaryJson() const;
};

} // namespace footfall
