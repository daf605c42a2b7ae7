#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace footfall {

// The recipes Footfall trains, by their AWS ARNs (arn:aws:personalize:::recipe/aws-...).
enum class Recipe
{
    PopularityCount,     // the most interacted-with items, the same for everyone
    Sims,                // items interacted with together with a given item
    UserPersonalization, // from the user's own history, reacting to new events at once
    PersonalizedRanking  // a given list of items re-ranked for the user
};

namespace Recipes {
std::optional<Recipe> fromArn(const QString& arn);
QString arn(Recipe recipe);
QStringList allArns();
// Whether a recorded event for an item the model knows changes the next recommendations at once.
bool reactsInRealTime(Recipe recipe);
} // namespace Recipes

} // namespace footfall
