#pragma once

#include "AvroSchema.h"
#include "DatasetSchema.h"

#include <QList>

#include <optional>

namespace footfall {

class Database;
struct ServiceConfig;

class SchemaService
{
public:
    SchemaService(Database& database, const ServiceConfig& config);
    Q_DISABLE_COPY_MOVE(SchemaService)

    DatasetSchema create(const QString& name, const QString& definition, const QString& domain = {});
    // Every check create() makes, without creating anything; throws ServiceError.
    void validate(const QString& name, const QString& definition, const QString& domain = {});
    // The schema text's own rules (Avro, flatness, the rules of the type its record names).
    static AvroSchema checkDefinition(const QString& definition, const QString& domain = {});
    DatasetSchema describe(const QString& arn);
    QList<DatasetSchema> list();
    // Refused with ResourceInUseException while a dataset uses the schema.
    void remove(const QString& arn);
    // Throws what remove() would (ResourceInUse while a dataset uses it), without removing it.
    void checkRemovable(const QString& arn);

    std::optional<DatasetSchema> findByArn(const QString& arn);
    DatasetSchema require(const QString& arn, const QString& parameter = QStringLiteral("schemaArn"));

private:
    QList<DatasetSchema> select(const QString& where, const QVariantList& values);

    Database& m_database;
    const ServiceConfig& m_config;
};

} // namespace footfall
